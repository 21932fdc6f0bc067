package kubetest

import (
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestStatusWriters checks that the API server takes what the helpers
// write and keeps it: the derived triggers' tests rely on statuses no
// kubelet or controller overwrites.
func TestStatusWriters(t *testing.T) {
	env := Start(t)
	c := env.Client
	ctx := t.Context()

	pod, err := c.CoreV1().Pods("default").Create(ctx, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := UpdatePodStatus(t, c, "default", pod.Name, func(s *corev1.PodStatus) {
		s.ContainerStatuses = []corev1.ContainerStatus{{Name: "main", Image: "busybox", RestartCount: 3,
			State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}}}}
	})
	if cs := got.Status.ContainerStatuses; len(cs) != 1 || cs[0].State.Waiting == nil || cs[0].RestartCount != 3 {
		t.Errorf("pod status = %+v, want main waiting after 3 restarts", got.Status)
	}

	job, err := c.BatchV1().Jobs("default").Create(ctx, &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "etl"},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever, Containers: []corev1.Container{{Name: "main", Image: "busybox"}},
		}}},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	failed := UpdateJobStatus(t, c, "default", job.Name, JobFailed("BackoffLimitExceeded", "Job has reached the specified backoff limit"))
	var types []batchv1.JobConditionType
	for _, cond := range failed.Status.Conditions {
		types = append(types, cond.Type)
	}
	if len(types) != 2 || types[1] != batchv1.JobFailed {
		t.Errorf("job conditions = %v, want FailureTarget and Failed", types)
	}

	if _, err := c.CoreV1().Nodes().Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n1"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	node := UpdateNodeStatus(t, c, "n1", func(s *corev1.NodeStatus) {
		s.Conditions = []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionFalse, Reason: "KubeletNotReady"}}
	})
	if len(node.Status.Conditions) != 1 || node.Status.Conditions[0].Status != corev1.ConditionFalse {
		t.Errorf("node conditions = %+v, want Ready False", node.Status.Conditions)
	}

	ev := CreateEvent(t, c, &corev1.Event{
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", APIVersion: "v1", Name: "web"},
		Reason:         "BackOff", Type: corev1.EventTypeWarning, Message: "Back-off restarting failed container",
	})
	if ev.Namespace != "default" || ev.Count != 1 || ev.Name == "" || ev.FirstTimestamp.IsZero() {
		t.Errorf("event = %s/%s count %d first %v, want defaults filled in", ev.Namespace, ev.Name, ev.Count, ev.FirstTimestamp)
	}
}

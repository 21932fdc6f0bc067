package kubetest

import (
	"context"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"
)

// What a kubelet or a controller would report, written by the test: no
// kubelet or controller-manager runs here, so the status subresource is
// the test's alone and a status written stays as written. Each helper
// applies change to the object's current state and retries on a conflict.

// UpdatePodStatus writes a pod's status, as its kubelet would: a crash
// loop, an OOM kill, an eviction.
func UpdatePodStatus(t testing.TB, c kubernetes.Interface, ns, name string, change func(*corev1.PodStatus)) *corev1.Pod {
	t.Helper()
	pods := c.CoreV1().Pods(ns)
	return updateStatus(t, "pod "+ns+"/"+name,
		func(ctx context.Context) (*corev1.Pod, error) { return pods.Get(ctx, name, metav1.GetOptions{}) },
		func(p *corev1.Pod) { change(&p.Status) },
		func(ctx context.Context, p *corev1.Pod) (*corev1.Pod, error) {
			return pods.UpdateStatus(ctx, p, metav1.UpdateOptions{})
		})
}

// UpdateJobStatus writes a Job's status, as the Job controller would. The
// API server checks a Job's status for consistency (a Failed condition
// needs a FailureTarget one and a start time, for one): JobFailed writes a
// failure it accepts.
func UpdateJobStatus(t testing.TB, c kubernetes.Interface, ns, name string, change func(*batchv1.JobStatus)) *batchv1.Job {
	t.Helper()
	jobs := c.BatchV1().Jobs(ns)
	return updateStatus(t, "job "+ns+"/"+name,
		func(ctx context.Context) (*batchv1.Job, error) { return jobs.Get(ctx, name, metav1.GetOptions{}) },
		func(j *batchv1.Job) { change(&j.Status) },
		func(ctx context.Context, j *batchv1.Job) (*batchv1.Job, error) {
			return jobs.UpdateStatus(ctx, j, metav1.UpdateOptions{})
		})
}

// UpdateNodeStatus writes a Node's status, as its kubelet (or the node
// lifecycle controller) would.
func UpdateNodeStatus(t testing.TB, c kubernetes.Interface, name string, change func(*corev1.NodeStatus)) *corev1.Node {
	t.Helper()
	nodes := c.CoreV1().Nodes()
	return updateStatus(t, "node "+name,
		func(ctx context.Context) (*corev1.Node, error) { return nodes.Get(ctx, name, metav1.GetOptions{}) },
		func(n *corev1.Node) { change(&n.Status) },
		func(ctx context.Context, n *corev1.Node) (*corev1.Node, error) {
			return nodes.UpdateStatus(ctx, n, metav1.UpdateOptions{})
		})
}

func updateStatus[T any](t testing.TB, what string, get func(context.Context) (T, error), change func(T), put func(context.Context, T) (T, error)) T {
	t.Helper()
	var out T
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		obj, err := get(t.Context())
		if err != nil {
			return err
		}
		change(obj)
		out, err = put(t.Context(), obj)
		return err
	})
	if err != nil {
		t.Fatalf("writing the status of %s: %v", what, err)
	}
	return out
}

// JobFailed is the status the Job controller writes when a Job fails for
// reason: FailureTarget, then Failed, both true, after a start time.
func JobFailed(reason, message string) func(*batchv1.JobStatus) {
	return func(s *batchv1.JobStatus) {
		now := metav1.Now()
		if s.StartTime == nil {
			s.StartTime = &now
		}
		s.Active = 0
		s.Failed++
		for _, typ := range []batchv1.JobConditionType{batchv1.JobFailureTarget, batchv1.JobFailed} {
			s.Conditions = append(s.Conditions, batchv1.JobCondition{
				Type: typ, Status: corev1.ConditionTrue, Reason: reason, Message: message,
				LastProbeTime: now, LastTransitionTime: now,
			})
		}
	}
}

// CreateEvent records a core/v1 Event, as a kubelet or controller would.
// An unset namespace is the involved object's; an unset name is generated
// from the object's name; an unset count is 1.
func CreateEvent(t testing.TB, c kubernetes.Interface, ev *corev1.Event) *corev1.Event {
	t.Helper()
	ev = ev.DeepCopy()
	if ev.Namespace == "" {
		ev.Namespace = ev.InvolvedObject.Namespace
	}
	if ev.Namespace == "" {
		ev.Namespace = metav1.NamespaceDefault
	}
	if ev.Name == "" && ev.GenerateName == "" {
		ev.GenerateName = ev.InvolvedObject.Name + "."
	}
	if ev.Count == 0 {
		ev.Count = 1
	}
	if ev.FirstTimestamp.IsZero() {
		ev.FirstTimestamp = metav1.Now()
		ev.LastTimestamp = ev.FirstTimestamp
	}
	got, err := c.CoreV1().Events(ev.Namespace).Create(t.Context(), ev, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("creating event %s about %s %s: %v", ev.Reason, ev.InvolvedObject.Kind, ev.InvolvedObject.Name, err)
	}
	return got
}

package runner_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// Pods and the statuses a kubelet would write for them, for the derived
// triggers' tests. No kubelet runs: the test writes each status through the
// status subresource, and the runner sees the update the kubelet's would
// have made.

// ownedPod creates a pod with containers main and sidecar (and an init
// container when init is set) whose first owner reference is the
// ReplicaSet rs, as a Deployment's pods have; rs "" leaves it unowned.
func ownedPod(t *testing.T, c kubernetes.Interface, ns, name, rs string, init bool) *corev1.Pod {
	t.Helper()
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: corev1.PodSpec{Containers: []corev1.Container{
			{Name: "main", Image: "busybox"}, {Name: "sidecar", Image: "busybox"},
		}},
	}
	if rs != "" {
		// No controller-manager runs, so nothing collects a pod whose owner
		// does not exist: the reference is all the owner key reads.
		pod.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: rs, UID: types.UID("uid-" + rs)}}
	}
	if init {
		pod.Spec.InitContainers = []corev1.Container{{Name: "setup", Image: "busybox"}}
	}
	got, err := c.CoreV1().Pods(ns).Create(t.Context(), pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// container sets the status of one container of the pod (by name, in the
// init containers when init), adding it when absent.
func container(name string, init bool, set func(*corev1.ContainerStatus)) func(*corev1.PodStatus) {
	return func(s *corev1.PodStatus) {
		list := &s.ContainerStatuses
		if init {
			list = &s.InitContainerStatuses
		}
		for i := range *list {
			if (*list)[i].Name == name {
				set(&(*list)[i])
				return
			}
		}
		cs := corev1.ContainerStatus{Name: name, Image: "busybox", ImageID: "busybox"}
		set(&cs)
		*list = append(*list, cs)
	}
}

// waiting is a container waiting to start again for reason, after
// restarts restarts.
func waiting(name, reason string, restarts int32) func(*corev1.PodStatus) {
	return container(name, false, func(cs *corev1.ContainerStatus) {
		cs.RestartCount = restarts
		cs.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason, Message: "back-off restarting failed container " + name}}
	})
}

// terminated is a container whose current state is terminated for reason
// (OOMKilled, Error), after restarts restarts.
func terminated(name, reason string, restarts int32) func(*corev1.PodStatus) {
	return container(name, false, func(cs *corev1.ContainerStatus) {
		now := metav1.Now()
		cs.RestartCount = restarts
		cs.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
			Reason: reason, ExitCode: 137, StartedAt: metav1.NewTime(now.Add(-time.Minute)), FinishedAt: now,
		}}
	})
}

// both applies the status changes in order.
func both(changes ...func(*corev1.PodStatus)) func(*corev1.PodStatus) {
	return func(s *corev1.PodStatus) {
		for _, c := range changes {
			c(s)
		}
	}
}

// podStatus writes a pod's status.
func podStatus(t *testing.T, c kubernetes.Interface, ns, name string, change func(*corev1.PodStatus)) *corev1.Pod {
	t.Helper()
	return kubetest.UpdatePodStatus(t, c, ns, name, change)
}

// titlesUntil waits for a finding titled last and requires the titles of
// every finding written up to it to be want (which ends with last). With
// one worker the runner handles one kind's changes in the order the API
// server made them, so a change made before the one that fires last and
// that has no finding by then never will: this is how the tests prove that
// something did not fire, without waiting for a length of time.
func titlesUntil(t *testing.T, p *proc, want ...string) {
	t.Helper()
	last := want[len(want)-1]
	all := p.Findings.WaitFor(t, "a finding titled "+last, func(f finding) bool { return f.Title == last })
	var got []string
	for _, f := range all {
		got = append(got, f.Title)
		if f.Title == last {
			break
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("finding titles up to %q (-want +got):\n%s", last, d)
	}
}

// oneWorker starts a runner with playbooks on one worker, so that changes
// of a kind are handled in order (see titlesUntil).
func oneWorker(t *testing.T, env *kubetest.Env, playbooks string) *proc {
	t.Helper()
	return startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: playbooks, Args: []string{"--workers", "1"}})
}

package runner_test

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// TestDerivedTriggers runs Robusta's derived triggers (on_pod_crash_loop,
// on_pod_oom_killed, ...) end to end: a real API server, the runner
// watching it, statuses written as a kubelet or controller would, and the
// findings read back from the file sink. Each subtest has its own runner
// and namespace, on one shared control plane. create_finding is the action
// throughout, so that what is tested is when the trigger fires, and the
// rate-limit key: once per owner (pods of one ReplicaSet share a key)
// within the window, in memory.
func TestDerivedTriggers(t *testing.T) {
	env := kubetest.Start(t)
	t.Run("on_pod_crash_loop", func(t *testing.T) { testCrashLoop(t, env) })
	t.Run("on_pod_oom_killed and on_container_oom_killed", func(t *testing.T) { testOOMKilled(t, env) })
	t.Run("on_image_pull_backoff", func(t *testing.T) { testImagePullBackoff(t, env) })
	t.Run("on_pod_evicted", func(t *testing.T) { testEvicted(t, env) })
	t.Run("on_job_failure", func(t *testing.T) { testJobFailure(t, env) })
	t.Run("on_kubernetes_warning_event and _create", func(t *testing.T) { testWarningEvents(t, env) })
	t.Run("on_kubernetes_resource_operation", func(t *testing.T) { testResourceOperation(t, env) })
	t.Run("node_health_watcher", func(t *testing.T) { testNodeHealth(t, env) })
}

func testCrashLoop(t *testing.T, env *kubetest.Env) {
	c := env.Client
	namespace(t, c, "crash")
	p := oneWorker(t, env, `customPlaybooks:
- name: CrashLoop
  triggers: [{on_pod_crash_loop: {restart_reason: CrashLoopBackOff, namespace_prefix: crash}}]
  actions: [{create_finding: {title: "crash $namespace/$name"}}]
`)
	for _, pod := range []struct{ name, rs string }{{"a-1", "web-a"}, {"a-2", "web-a"}, {"b-1", "web-b"}, {"c-1", "web-c"}, {"d-1", "web-d"}, {"lone", ""}} {
		ownedPod(t, c, "crash", pod.name, pod.rs, pod.name == "d-1")
	}
	podStatus(t, c, "crash", "a-1", waiting("main", "CrashLoopBackOff", 3))
	titlesUntil(t, p, "crash crash/a-1")

	podStatus(t, c, "crash", "a-1", waiting("main", "CrashLoopBackOff", 4)) // restarted again: within the window
	podStatus(t, c, "crash", "a-2", waiting("main", "CrashLoopBackOff", 3)) // same owner: same key
	podStatus(t, c, "crash", "c-1", waiting("main", "CrashLoopBackOff", 1)) // below restart_count (2)
	podStatus(t, c, "crash", "lone", waiting("main", "ImagePullBackOff", 5))
	podStatus(t, c, "crash", "b-1", waiting("main", "CrashLoopBackOff", 3)) // another owner
	titlesUntil(t, p, "crash crash/a-1", "crash crash/b-1")

	// c-1 did not fire, so it took no slot: reaching restart_count fires it.
	// An init container crash-loops as a container does; an unowned pod is
	// its own key.
	podStatus(t, c, "crash", "c-1", waiting("main", "CrashLoopBackOff", 2))
	podStatus(t, c, "crash", "d-1", container("setup", true, func(cs *corev1.ContainerStatus) {
		cs.RestartCount = 3
		cs.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}}
	}))
	podStatus(t, c, "crash", "lone", waiting("main", "CrashLoopBackOff", 6))
	titlesUntil(t, p, "crash crash/a-1", "crash crash/b-1", "crash crash/c-1", "crash crash/d-1", "crash crash/lone")
}

func testOOMKilled(t *testing.T, env *kubetest.Env) {
	c := env.Client
	namespace(t, c, "oom")
	p := oneWorker(t, env, `customPlaybooks:
- name: PodOOM
  triggers: [{on_pod_oom_killed: {namespace_prefix: oom, exclude: [{name: batch-}]}}]
  actions: [{create_finding: {title: "pod $namespace/$name"}}]
- name: ContainerOOM
  triggers: [{on_container_oom_killed: {namespace_prefix: oom, exclude: [{name: side}, {name: main, namespace: other}]}}]
  actions: [{create_finding: {title: "container $namespace/$name"}}]
`)
	for _, pod := range []struct{ name, rs string }{{"a-1", "web-a"}, {"a-2", "web-a"}, {"b-1", "web-b"}, {"batch-1", "etl"}, {"c-1", "web-c"}, {"m-1", "web-m"}} {
		ownedPod(t, c, "oom", pod.name, pod.rs, false)
	}
	podStatus(t, c, "oom", "a-1", terminated("main", "OOMKilled", 0))
	titlesUntil(t, p, "pod oom/a-1", "container oom/a-1")

	podStatus(t, c, "oom", "a-1", terminated("main", "OOMKilled", 1)) // killed again: within the window
	podStatus(t, c, "oom", "a-2", terminated("main", "OOMKilled", 0)) // same owner
	// The pod trigger excludes by pod name prefix, the container trigger
	// by container name prefix (and namespace, exactly, when given).
	podStatus(t, c, "oom", "b-1", terminated("sidecar", "OOMKilled", 0))
	podStatus(t, c, "oom", "batch-1", terminated("main", "OOMKilled", 0))
	podStatus(t, c, "oom", "c-1", terminated("main", "Error", 0))
	podStatus(t, c, "oom", "m-1", terminated("main", "OOMKilled", 0))
	titlesUntil(t, p, "pod oom/a-1", "container oom/a-1", "pod oom/b-1", "container oom/batch-1", "pod oom/m-1", "container oom/m-1")
}

func testImagePullBackoff(t *testing.T, env *kubetest.Env) {
	c := env.Client
	namespace(t, c, "pull")
	// fire_delay: 0 fires at once; the default (120 s) waits until the pod
	// has run that long, by its status.startTime. The delay under an
	// injected clock is the engine's test.
	p := oneWorker(t, env, `customPlaybooks:
- name: ImagePull
  triggers: [{on_image_pull_backoff: {namespace_prefix: pull, name_prefix: now-, fire_delay: 0}}]
  actions: [{create_finding: {title: "pull $namespace/$name"}}]
- name: ImagePullLater
  triggers: [{on_image_pull_backoff: {namespace_prefix: pull, name_prefix: late-}}]
  actions: [{create_finding: {title: "late $namespace/$name"}}]
`)
	for _, pod := range []struct{ name, rs string }{{"now-a1", "web-a"}, {"now-a2", "web-a"}, {"now-b1", "web-b"}, {"now-c1", "web-c"}, {"late-1", "late-1"}, {"late-2", "late-2"}} {
		ownedPod(t, c, "pull", pod.name, pod.rs, false)
	}
	startedAt := func(ago time.Duration) func(*corev1.PodStatus) {
		return func(s *corev1.PodStatus) { s.StartTime = &metav1.Time{Time: time.Now().Add(-ago)} }
	}
	podStatus(t, c, "pull", "now-a1", waiting("main", "ImagePullBackOff", 0))
	titlesUntil(t, p, "pull pull/now-a1")

	podStatus(t, c, "pull", "now-a1", waiting("sidecar", "ImagePullBackOff", 0)) // within the window
	podStatus(t, c, "pull", "now-a2", waiting("main", "ImagePullBackOff", 0))    // same owner
	podStatus(t, c, "pull", "now-c1", waiting("main", "ErrImagePull", 0))        // not yet backing off
	podStatus(t, c, "pull", "late-1", both(startedAt(10*time.Second), waiting("main", "ImagePullBackOff", 0)))
	podStatus(t, c, "pull", "late-2", both(startedAt(time.Hour), waiting("main", "ImagePullBackOff", 0)))
	podStatus(t, c, "pull", "now-b1", waiting("main", "ImagePullBackOff", 0))
	titlesUntil(t, p, "pull pull/now-a1", "late pull/late-2", "pull pull/now-b1")
}

func testEvicted(t *testing.T, env *kubetest.Env) {
	c := env.Client
	namespace(t, c, "evict")
	p := oneWorker(t, env, `customPlaybooks:
- name: Evicted
  triggers: [{on_pod_evicted: {namespace_prefix: evict}}]
  actions: [{create_finding: {title: "evicted $namespace/$name"}}]
`)
	for _, name := range []string{"a-1", "a-2", "b-1", "m-1"} {
		ownedPod(t, c, "evict", name, "web-a", false)
	}
	evicted := func(message string) func(*corev1.PodStatus) {
		return func(s *corev1.PodStatus) {
			s.Phase, s.Reason, s.Message = corev1.PodFailed, "Evicted", message
		}
	}
	podStatus(t, c, "evict", "a-1", evicted("The node was low on resource: memory."))
	titlesUntil(t, p, "evicted evict/a-1")

	// Robusta keys evictions by pod, not by owner: a-2 fires.
	podStatus(t, c, "evict", "a-1", evicted("The node was low on resource: memory. Again."))
	podStatus(t, c, "evict", "a-2", evicted("The node was low on resource: memory."))
	podStatus(t, c, "evict", "b-1", func(s *corev1.PodStatus) { s.Phase, s.Reason = corev1.PodFailed, "DeadlineExceeded" })
	podStatus(t, c, "evict", "m-1", evicted("The node was low on resource: ephemeral-storage."))
	titlesUntil(t, p, "evicted evict/a-1", "evicted evict/a-2", "evicted evict/m-1")
}

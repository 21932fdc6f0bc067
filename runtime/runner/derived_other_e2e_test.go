package runner_test

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// The derived triggers on Jobs, Events, Deployments and Nodes; see
// TestDerivedTriggers.

func testJobFailure(t *testing.T, env *kubetest.Env) {
	c := env.Client
	namespace(t, c, "jobs")
	p := oneWorker(t, env, `customPlaybooks:
- name: JobFailed
  triggers: [{on_job_failure: {namespace_prefix: jobs}}]
  actions: [{create_finding: {title: "failed $namespace/$name"}}]
`)
	for _, name := range []string{"j-1", "j-2", "j-3"} {
		createJob(t, c, "jobs", name)
	}
	kubetest.UpdateJobStatus(t, c, "jobs", "j-1", kubetest.JobFailed("BackoffLimitExceeded", "Job has reached the specified backoff limit"))
	titlesUntil(t, p, "failed jobs/j-1")

	// Once: a failed Job updated again does not fire, nor does a Job that
	// only runs.
	kubetest.UpdateJobStatus(t, c, "jobs", "j-1", func(s *batchv1.JobStatus) { s.Failed++ })
	now := metav1.Now()
	kubetest.UpdateJobStatus(t, c, "jobs", "j-2", func(s *batchv1.JobStatus) { s.StartTime, s.Active = &now, 1 })
	kubetest.UpdateJobStatus(t, c, "jobs", "j-3", kubetest.JobFailed("DeadlineExceeded", "Job was active longer than specified deadline"))
	titlesUntil(t, p, "failed jobs/j-1", "failed jobs/j-3")
}

func createJob(t *testing.T, c kubernetes.Interface, ns, name string) *batchv1.Job {
	t.Helper()
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers:    []corev1.Container{{Name: "main", Image: "busybox"}},
		}}},
	}
	got, err := c.BatchV1().Jobs(ns).Create(t.Context(), job, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func testWarningEvents(t *testing.T, env *kubetest.Env) {
	c := env.Client
	namespace(t, c, "warn")
	// The subject of create_finding under an event trigger is the Event;
	// its name says which one fired.
	p := oneWorker(t, env, `customPlaybooks:
- name: Warnings
  triggers:
  - on_kubernetes_warning_event_create:
      namespace_prefix: warn
      include: [backoff, FailedMount, scheduling]
      exclude: ["ignore ME"]
  actions: [{create_finding: {title: "warning $name"}}]
- name: WarningUpdates
  triggers: [{on_kubernetes_warning_event: {namespace_prefix: warn, operations: [update]}}]
  actions: [{create_finding: {title: "updated $name"}}]
`)
	event := func(name, pod, reason, typ, message string) {
		kubetest.CreateEvent(t, c, &corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Name: name},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", APIVersion: "v1", Namespace: "warn", Name: pod},
			Reason:         reason, Type: typ, Message: message, Source: corev1.EventSource{Component: "kubelet"},
		})
	}
	event("e1", "web-1", "BackOff", corev1.EventTypeWarning, "Back-off restarting failed container main")
	titlesUntil(t, p, "warning e1")

	// Keys are per reason and object: BackOff on web-1 again does not
	// fire, FailedMount on it does, and so does web-2's BackOff.
	event("e2", "web-1", "BackOff", corev1.EventTypeWarning, "Back-off restarting failed container sidecar")
	event("e3", "web-1", "Unhealthy", corev1.EventTypeWarning, "Readiness probe failed")                  // not included
	event("e4", "web-3", "BackOff", corev1.EventTypeNormal, "Back-off pulling image")                     // not a warning
	event("e5", "web-4", "BackOff", corev1.EventTypeWarning, "Back-off restarting, please ignore me")     // excluded, case-insensitively
	event("e6", "web-5", "Failed", corev1.EventTypeWarning, "0/3 nodes are available; Scheduling failed") // included by its message
	event("e7", "web-1", "FailedMount", corev1.EventTypeWarning, "MountVolume.SetUp failed for volume data")
	event("e8", "web-2", "BackOff", corev1.EventTypeWarning, "Back-off restarting failed container main")
	titlesUntil(t, p, "warning e1", "warning e6", "warning e7", "warning e8")

	// operations: the creations above did not fire WarningUpdates; an
	// update (the kubelet counting the event again) does, and not the
	// _create variant.
	ev, err := c.CoreV1().Events("warn").Get(t.Context(), "e1", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ev.Count++
	if _, err := c.CoreV1().Events("warn").Update(t.Context(), ev, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	titlesUntil(t, p, "warning e1", "warning e6", "warning e7", "warning e8", "updated e1")
}

func testResourceOperation(t *testing.T, env *kubetest.Env) {
	c := env.Client
	namespace(t, c, "ops")
	// change_filters left to their defaults: spec, without spec.replicas.
	p := oneWorker(t, env, `customPlaybooks:
- name: Changed
  triggers: [{on_kubernetes_resource_operation: {resources: [deployment], operations: [update], namespace_prefix: ops}}]
  actions: [{create_finding: {title: "changed $namespace/$name"}}]
`)
	createDeployment(t, c, "ops", "api", nil)
	createDeployment(t, c, "ops", "marker", nil)
	image := func(img string) func(*appsv1.Deployment) {
		return func(d *appsv1.Deployment) { d.Spec.Template.Spec.Containers[0].Image = img }
	}
	updateDeployment(t, c, "ops", "api", image("busybox:1.37"))
	titlesUntil(t, p, "changed ops/api")

	three := int32(3)
	updateDeployment(t, c, "ops", "api", func(d *appsv1.Deployment) { d.Spec.Replicas = &three })
	updateDeployment(t, c, "ops", "api", func(d *appsv1.Deployment) { d.Labels = map[string]string{"touched": "yes"} })
	dep, err := c.AppsV1().Deployments("ops").Get(t.Context(), "api", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dep.Status = appsv1.DeploymentStatus{ObservedGeneration: dep.Generation, Replicas: 3, UpdatedReplicas: 3}
	if _, err := c.AppsV1().Deployments("ops").UpdateStatus(t.Context(), dep, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	updateDeployment(t, c, "ops", "marker", image("busybox:1.37"))
	titlesUntil(t, p, "changed ops/api", "changed ops/marker")
}

// testNodeHealth runs Robusta's node_health_watcher under on_node_update:
// a Ready condition going from True to False makes one "Unhealthy node"
// finding; staying False, or a node that stays Ready, none.
func testNodeHealth(t *testing.T, env *kubetest.Env) {
	c := env.Client
	p := oneWorker(t, env, `customPlaybooks:
- name: NodeHealth
  triggers: [{on_node_update: {name_prefix: health-}}]
  actions: [{node_health_watcher: {}}]
`)
	for _, name := range []string{"health-1", "health-2", "health-3"} {
		if _, err := c.CoreV1().Nodes().Create(t.Context(), &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		kubetest.UpdateNodeStatus(t, c, name, ready(corev1.ConditionTrue, "KubeletReady"))
	}
	kubetest.UpdateNodeStatus(t, c, "health-1", ready(corev1.ConditionFalse, "KubeletNotReady"))
	titlesUntil(t, p, "Unhealthy node health-1")

	kubetest.UpdateNodeStatus(t, c, "health-1", ready(corev1.ConditionFalse, "NodeStatusUnknown"))
	kubetest.UpdateNodeStatus(t, c, "health-2", ready(corev1.ConditionTrue, "KubeletReady again"))
	kubetest.UpdateNodeStatus(t, c, "health-3", ready(corev1.ConditionFalse, "KubeletNotReady"))
	titlesUntil(t, p, "Unhealthy node health-1", "Unhealthy node health-3")
}

// ready sets the node's Ready condition.
func ready(status corev1.ConditionStatus, reason string) func(*corev1.NodeStatus) {
	return func(s *corev1.NodeStatus) {
		now := metav1.Now()
		s.Conditions = []corev1.NodeCondition{{Type: corev1.NodeReady, Status: status, Reason: reason, LastHeartbeatTime: now, LastTransitionTime: now}}
	}
}

package runner_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// One playbook per kind and operation, so that each change fires exactly
// one and the finding says which. PodCreated's aggregation_key shows it is
// used as written, not templated; PodDeleted has none, so its key is the
// title's template; the others set theirs, as Robusta requires.
const changePlaybooks = `customPlaybooks:
- name: PodCreated
  triggers: [{on_pod_create: {}}]
  actions:
  - create_finding: {title: "$kind $name in $namespace", aggregation_key: "pod-$labels.app", severity: LOW}
  - echo: {message: "pod created"}
- name: PodChanged
  triggers: [{on_pod_update: {}}]
  actions: [{resource_babysitter: {}}]
- name: PodDeleted
  triggers: [{on_pod_delete: {}}]
  actions: [{create_finding: {title: "$kind $name in $namespace is gone"}}]
- name: DeploymentCreated
  triggers: [{on_deployment_create: {}}]
  actions: [{create_finding: {title: "$kind $name in $namespace", aggregation_key: DeploymentCreated, severity: INFO}}]
- name: DeploymentChanged
  triggers: [{on_deployment_update: {}}]
  actions: [{resource_babysitter: {}}]
- name: DeploymentDeleted
  triggers: [{on_deployment_delete: {}}]
  actions: [{echo: {message: "deployment deleted"}}]
- name: EventCreated
  triggers: [{on_event_create: {}}]
  actions:
  - create_finding: {title: "$kind $name in $namespace", aggregation_key: EventCreated, severity: DEBUG}
  - echo: {message: "event seen"}
- name: EventChanged
  triggers: [{on_event_update: {}}]
  actions: [{resource_babysitter: {}}]
- name: EventDeleted
  triggers: [{on_event_delete: {}}]
  actions: [{echo: {message: "event deleted"}}]
`

// diffOpts compares findings read back from JSON with the built ones.
var diffOpts = cmp.Options{cmpopts.EquateEmpty()}

func TestChanges(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: changePlaybooks})

	t.Run("pod", func(t *testing.T) {
		pod := createPod(t, c, "shop", "web-1", map[string]string{"app": "web"})
		s := subjectOf("Pod", pod)
		labeled := updatePod(t, c, "shop", "web-1", func(p *corev1.Pod) { p.Labels["tier"] = "front" })
		sl := subjectOf("Pod", labeled)
		sixty := int64(60)
		updatePod(t, c, "shop", "web-1", func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = &sixty })
		before := time.Now()
		deletePod(t, c, "shop", "web-1")
		got := p.Findings.WaitFor(t, "the pod's delete finding", func(f finding) bool { return f.Playbook == "PodDeleted" })
		got = about(got, "Pod", "shop", "web-1")

		// Deleting a pod first marks it (an update the babysitter reports),
		// then removes it. The mark's time is the server's: check it, then
		// expect what was written.
		when := deletionTimestamp(t, got, before, time.Now())
		want := []finding{
			created("PodCreated", []string{"create_finding", "echo"}, "pod web-1 in shop", "pod-$labels.app", "LOW", s, blocks(markdown("pod created"))...),
			babysat("PodChanged", sl, "tier", added("metadata.labels['tier']", `"front"`)),
			babysat("PodChanged", sl, "activeDeadlineSeconds", added("spec.activeDeadlineSeconds", "60")),
			babysat("PodChanged", sl, "deletionGracePeriodSeconds, deletionTimestamp",
				added("metadata.deletionGracePeriodSeconds", "0"), added("metadata.deletionTimestamp", when)),
			created("PodDeleted", []string{"create_finding"}, "pod web-1 in shop is gone", "$kind $name in $namespace is gone", "HIGH", sl),
		}
		if d := cmp.Diff(want, got, diffOpts); d != "" {
			t.Errorf("pod findings (-want +got):\n%s", d)
		}
	})

	t.Run("deployment", func(t *testing.T) {
		dep := createDeployment(t, c, "shop", "api", map[string]string{"team": "a"})
		s := subjectOf("Deployment", dep)
		labeled := updateDeployment(t, c, "shop", "api", func(d *appsv1.Deployment) { d.Labels["x"] = "1" })
		sl := subjectOf("Deployment", labeled)
		three := int32(3)
		updateDeployment(t, c, "shop", "api", func(d *appsv1.Deployment) { d.Spec.Replicas = &three })
		if err := c.AppsV1().Deployments("shop").Delete(t.Context(), "api", metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}

		want := []finding{
			created("DeploymentCreated", []string{"create_finding"}, "deployment api in shop", "DeploymentCreated", "INFO", s),
			babysat("DeploymentChanged", sl, "x", added("metadata.labels['x']", `"1"`)),
			babysat("DeploymentChanged", sl, "replicas", changed("spec.replicas", "1", "3")),
			defaulted("DeploymentDeleted", []string{"echo"}, "Delete", sl, blocks(markdown("deployment deleted"))...),
		}
		got := p.Findings.WaitFor(t, "the deployment's delete finding", func(f finding) bool { return f.Playbook == "DeploymentDeleted" })
		if d := cmp.Diff(want, about(got, "Deployment", "shop", "api"), diffOpts); d != "" {
			t.Errorf("deployment findings (-want +got):\n%s", d)
		}
	})

	t.Run("event", func(t *testing.T) {
		ev := createEvent(t, c, "shop", "web-1.backoff", "web-1")
		s := subjectOf("Event", ev)
		ev.Count, ev.Message = 2, "Back-off restarting failed container again"
		if _, err := c.CoreV1().Events("shop").Update(t.Context(), ev, metav1.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := c.CoreV1().Events("shop").Delete(t.Context(), ev.Name, metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}

		want := []finding{
			created("EventCreated", []string{"create_finding", "echo"}, "event web-1.backoff in shop", "EventCreated", "DEBUG", s, blocks(markdown("event seen"))...),
			babysat("EventChanged", s, "count, message", changed("count", "1", "2"),
				changed("message", `"Back-off restarting failed container"`, `"Back-off restarting failed container again"`)),
			defaulted("EventDeleted", []string{"echo"}, "Delete", s, blocks(markdown("event deleted"))...),
		}
		got := p.Findings.WaitFor(t, "the event's delete finding", func(f finding) bool { return f.Playbook == "EventDeleted" })
		if d := cmp.Diff(want, about(got, "Event", "shop", "web-1.backoff"), diffOpts); d != "" {
			t.Errorf("event findings (-want +got):\n%s", d)
		}
	})
}

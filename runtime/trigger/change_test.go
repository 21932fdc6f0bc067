package trigger

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

func deployment(mutate func(*appsv1.Deployment)) *appsv1.Deployment {
	replicas := int32(2)
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web", ResourceVersion: "1", Labels: map[string]string{"app": "web"}},
		Spec: appsv1.DeploymentSpec{Replicas: &replicas, Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			Containers: []corev1.Container{{Name: "web", Image: "web:1"}},
		}}},
	}
	if mutate != nil {
		mutate(d)
	}
	return d
}

func TestChangeFilters(t *testing.T) {
	old := deployment(nil)
	image := deployment(func(d *appsv1.Deployment) { d.Spec.Template.Spec.Containers[0].Image = "web:2" })
	scaled := deployment(func(d *appsv1.Deployment) { *d.Spec.Replicas = 5; d.ResourceVersion = "2" })
	status := deployment(func(d *appsv1.Deployment) { d.Status.ReadyReplicas = 2; d.ResourceVersion = "2" })
	label := deployment(func(d *appsv1.Deployment) { d.Labels["team"] = "sre" })
	sidecar := deployment(func(d *appsv1.Deployment) {
		d.Spec.Template.Spec.Containers = append(d.Spec.Template.Spec.Containers, corev1.Container{Name: "proxy"})
	})
	tests := []struct {
		name, params string
		obj          *appsv1.Deployment
		want         bool
	}{
		{"no change_filters: every update", `{}`, status, true},
		{"include matches a substring of the changed path", `{"change_filters":{"include":["image"]}}`, image, true},
		{"include: nothing under it changed", `{"change_filters":{"include":["image"]}}`, scaled, false},
		{"include by path prefix", `{"change_filters":{"include":["spec.template.spec.containers[0]"]}}`, image, true},
		{"ignored paths are left out", `{"change_filters":{"ignore":["status","metadata.resourceVersion"]}}`, status, false},
		{"ignore alone: anything else fires", `{"change_filters":{"ignore":["status"]}}`, image, true},
		{"ignore under include", `{"change_filters":{"include":["spec"],"ignore":["spec.replicas","metadata.resourceVersion"]}}`, scaled, false},
		{"a label change is under metadata.labels", `{"change_filters":{"include":["metadata.labels['team']"]}}`, label, true},
		{"a list element added", `{"change_filters":{"include":["containers[1]"]}}`, sidecar, true},
		{"empty change_filters: any difference", `{"change_filters":{}}`, old, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := compile(t, "on_deployment_update", tc.params)
			_, got := tr.Match(Input{Kind: "Deployment", Operation: api.OperationUpdate, Obj: tc.obj, Old: old})
			if got != tc.want {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
		})
	}
	// Create and delete have nothing to compare: they always pass.
	tr := compile(t, "on_deployment_all_changes", `{"change_filters":{"include":["nothing"]}}`)
	for _, op := range []api.Operation{api.OperationCreate, api.OperationDelete} {
		if _, ok := tr.Match(Input{Kind: "Deployment", Operation: op, Obj: old}); !ok {
			t.Errorf("%s filtered out by change_filters", op)
		}
	}
}

// The objects the filter compares are copies: removing ignored paths
// leaves the informer's objects alone.
func TestChangeFiltersLeaveObjectsAlone(t *testing.T) {
	old, obj := deployment(nil), deployment(func(d *appsv1.Deployment) { d.Status.ReadyReplicas = 1 })
	tr := compile(t, "on_deployment_update", `{"change_filters":{"ignore":["status","metadata.labels"]}}`)
	tr.Match(Input{Kind: "Deployment", Operation: api.OperationUpdate, Obj: obj, Old: old})
	if obj.Status.ReadyReplicas != 1 || obj.Labels["app"] != "web" {
		t.Errorf("the object was changed: %+v", obj)
	}
}

// scope attributes read the typed object as Robusta reads its JSON:
// PodEvictionReport's on_event_create with attributes reason=Evicted.
func TestScopeAttributesOnObjects(t *testing.T) {
	tr := compile(t, "on_event_create", `{"scope":{"include":[{"attributes":["reason=evicted"]}],"exclude":[{"attributes":"involvedObject.namespace=kube-system"}]}}`)
	event := func(ns, reason string) *corev1.Event {
		return &corev1.Event{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "e"}, Reason: reason, InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: ns, Name: "web-0"}}
	}
	for _, tc := range []struct {
		ev   *corev1.Event
		want bool
	}{{event("prod", "Evicted"), true}, {event("prod", "Killing"), false}, {event("kube-system", "Evicted"), false}} {
		if _, got := tr.Match(Input{Kind: "Event", Operation: api.OperationCreate, Obj: tc.ev}); got != tc.want {
			t.Errorf("%s/%s: Match = %v, want %v", tc.ev.Namespace, tc.ev.Reason, got, tc.want)
		}
	}
}

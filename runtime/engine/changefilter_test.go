package engine

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

func web(image string, replicas int32) *appsv1.Deployment {
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web", ResourceVersion: image},
		Spec: appsv1.DeploymentSpec{Replicas: &replicas, Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			Containers: []corev1.Container{{Name: "web", Image: image}},
		}}},
	}
}

// babysitter runs the built-in resource_babysitter as the registry would.
func babysitter(ctx context.Context, e api.ExecutionEvent) error {
	return playbooks.ResourceBabysitter(ctx, e.(api.KubernetesAnyChangeEvent), playbooks.BabysitterConfig{})
}

// Each playbook's actions get the change_filters of the trigger that fired
// it, on a shared event too: resource_babysitter under Robusta's default
// on_kubernetes_resource_operation reports the image change of an update
// that also scales, without spec.replicas; under custom change_filters it
// reports what they include; under a trigger without change_filters
// (after one with them, on the same event) it reports every change.
func TestChangeFiltersReachTheActions(t *testing.T) {
	cfg := &config.Config{Playbooks: []config.Playbook{{
		Name:     "defaults",
		Triggers: []*trigger.Trigger{trig(t, "on_kubernetes_resource_operation", `{"resources":["deployment"]}`)},
		Actions:  []config.Action{act("resource_babysitter", babysitter)},
		Sinks:    []string{"defaults"},
	}, {
		Name:     "custom",
		Triggers: []*trigger.Trigger{trig(t, "on_deployment_update", `{"change_filters":{"include":["replicas"],"ignore":["status"]}}`)},
		Actions:  []config.Action{act("resource_babysitter", babysitter)},
		Sinks:    []string{"custom"},
	}, {
		Name:     "none",
		Triggers: []*trigger.Trigger{trig(t, "on_deployment_update", `{}`)},
		Actions:  []config.Action{act("resource_babysitter", babysitter)},
		Sinks:    []string{"none"},
	}}}
	recs := map[string]*recorder{"defaults": {}, "custom": {}, "none": {}}
	for name, r := range recs {
		cfg.Sinks = append(cfg.Sinks, sinkConfig(t, name, `{}`, r))
	}
	e, d := newEngine(t, cfg)
	d.Change(context.Background(), &Change{Kind: "Deployment", Operation: api.OperationUpdate, Obj: web("web:2", 5), Old: web("web:1", 2)})
	closeEngine(t, e)

	want := map[string]struct {
		desc  string
		paths []string
	}{
		"defaults": {"Deployment updated\n ● Attributes: image", []string{"spec.template.spec.containers[0].image"}},
		"custom":   {"Deployment updated\n ● Attributes: replicas", []string{"spec.replicas"}},
		"none":     {"Deployment updated\n ● Attributes: replicas, image", []string{"spec.replicas", "spec.template.spec.containers[0].image"}},
	}
	for name, w := range want {
		fs := recs[name].findings
		if len(fs) != 1 {
			t.Errorf("%s: %d findings, want 1", name, len(fs))
			continue
		}
		diff := fs[0].Enrichments[0].Blocks[0].(api.KubernetesDiff)
		var paths []string
		for _, x := range diff.Diffs {
			paths = append(paths, x.Path)
		}
		if fs[0].Description != w.desc || !cmp.Equal(paths, w.paths) {
			t.Errorf("%s: description %q, diff paths %q; want %q, %q", name, fs[0].Description, paths, w.desc, w.paths)
		}
	}
}

package playbooks_test

import (
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Robusta's default playbooks that use the event, job, node and change
// actions load unchanged with the built-in bundle (their Robusta UI sink
// left out: it is not a sink here).
func TestRobustaDefaultPlaybooksLoad(t *testing.T) {
	want := []string{"PodEvictionReport", "K8sWarningEventsReport", "K8sChangeTracking", "K8sJobFailure", "KubeJobAlerts"}
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	byName := map[string]map[string]any{}
	for _, list := range []string{"builtinPlaybooks", "platformPlaybooks"} {
		for _, pb := range values[list].([]any) {
			m := pb.(map[string]any)
			if name, _ := m["name"].(string); name != "" {
				byName[name] = m
			}
		}
	}
	var picked []any
	for _, name := range want {
		pb, ok := byName[name]
		if !ok {
			t.Fatalf("%s has no playbook %s", conformance.HelmValuesFile, name)
		}
		delete(pb, "sinks")
		picked = append(picked, pb)
	}
	doc, err := yaml.Marshal(map[string]any{"customPlaybooks": picked})
	if err != nil {
		t.Fatal(err)
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load("robusta-defaults.yaml", doc, set)
	if err != nil {
		t.Fatalf("Robusta's default playbooks:\n%v\n%s", err, doc)
	}
	if len(cfg.Playbooks) != len(want) {
		t.Errorf("loaded %d playbooks, want %d", len(cfg.Playbooks), len(want))
	}
}

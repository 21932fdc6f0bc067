package playbooks_test

import (
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

// The Prometheus-analysis enrichers, as Robusta's default values use them.
var promAnalysisActions = []string{
	"prometheus_rules_enricher", "node_cpu_enricher", "cpu_overcommited_enricher", "memory_overcommited_enricher",
	"cpu_throttling_analysis_enricher", "oom_killer_enricher", "version_mismatch_enricher",
}

// Every default playbook of Robusta's that uses one of these enrichers
// loads with their params exactly as Robusta's values write them, triggers
// included. The playbooks' other actions are other files' concern (the
// conformance test loads them whole); each enricher must be used at least
// once, so a renamed playbook cannot make this test pass by finding none.
func TestRobustaDefaultPromAnalysisPlaybooksLoad(t *testing.T) {
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	var picked []any
	for _, list := range []string{"builtinPlaybooks", "platformPlaybooks"} {
		for _, item := range values[list].([]any) {
			pb := item.(map[string]any)
			var mine []any
			for _, a := range pb["actions"].([]any) {
				for name := range a.(map[string]any) {
					if slices.Contains(promAnalysisActions, name) {
						mine = append(mine, a)
						used[name] = true
					}
				}
			}
			if mine == nil {
				continue
			}
			delete(pb, "sinks")
			pb["actions"] = mine
			picked = append(picked, pb)
		}
	}
	for _, name := range promAnalysisActions {
		if !used[name] {
			t.Errorf("%s: no default playbook uses %s", conformance.HelmValuesFile, name)
		}
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
	if len(cfg.Playbooks) != len(picked) || len(picked) != 7 {
		t.Errorf("loaded %d of %d playbooks, want 7", len(cfg.Playbooks), len(picked))
	}
}

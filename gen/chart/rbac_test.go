package chart_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen/chart"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/trigger"
)

func TestTriggerRulesCoverEveryTrigger(t *testing.T) {
	rules, err := chart.TriggerRules()
	if err != nil {
		t.Fatal(err)
	}
	// Besides one entry per trigger, on_kubernetes_resource_operation has
	// one per kind it can be narrowed to by its resources param.
	narrowed := 0
	for _, k := range kinds.All {
		rs, ok := rules["on_kubernetes_resource_operation/"+k.Trigger]
		if !ok {
			t.Errorf("no entry for on_kubernetes_resource_operation narrowed to %s", k.Trigger)
			continue
		}
		narrowed++
		if want := []chart.Rule{{APIGroups: []string{k.Group}, Resources: []string{k.Resource}, Verbs: []string{"get", "list", "watch"}}}; !cmp.Equal(rs, want) {
			t.Errorf("on_kubernetes_resource_operation/%s: %v, want %v", k.Trigger, rs, want)
		}
	}
	if len(rules)-narrowed != len(trigger.Names()) {
		t.Errorf("%d triggers have rules, runtime/trigger has %d", len(rules)-narrowed, len(trigger.Names()))
	}
	watch := []string{"get", "list", "watch"}
	for _, s := range trigger.Specs() {
		rs, ok := rules[s.Name]
		if !ok {
			t.Errorf("trigger %s has no RBAC entry", s.Name)
			continue
		}
		var want []chart.Rule
		switch s.Class {
		case trigger.Kubernetes:
			for _, k := range kinds.All {
				if k.Name == s.Kind {
					want = []chart.Rule{{APIGroups: []string{k.Group}, Resources: []string{k.Resource}, Verbs: watch}}
				}
			}
		case trigger.AnyResource:
			for _, k := range kinds.All {
				want = append(want, chart.Rule{APIGroups: []string{k.Group}, Resources: []string{k.Resource}, Verbs: watch})
			}
		case trigger.Alert:
			for _, r := range []struct{ group, resource string }{
				{"", "pods"}, {"apps", "daemonsets"}, {"apps", "deployments"}, {"apps", "statefulsets"}, {"autoscaling", "horizontalpodautoscalers"}, {"", "nodes"}, {"batch", "jobs"},
			} {
				verbs := []string{"get"}
				if r.resource == "nodes" {
					verbs = append(verbs, "list") // the cluster provider detection (k8s_providers)
				}
				want = append(want, chart.Rule{APIGroups: []string{r.group}, Resources: []string{r.resource}, Verbs: verbs})
			}
		case trigger.Schedule:
			want = []chart.Rule{}
		}
		if diff := cmp.Diff(want, rs); diff != "" {
			t.Errorf("%s (-want +got):\n%s", s.Name, diff)
		}
	}
}

func TestDataFromDirectives(t *testing.T) {
	d, err := chart.Data(goodBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	wantPkg := []chart.Rule{{APIGroups: []string{""}, Resources: []string{"pods", "pods/log"}, Verbs: []string{"get", "list", "watch"}}}
	if diff := cmp.Diff(wantPkg, d.Package); diff != "" {
		t.Errorf("package rules (-want +got):\n%s", diff)
	}
	// Directives, and the rules inferred from the code (gen/reach), a rule
	// that both give once.
	core := func(res string, verbs ...string) chart.Rule {
		return chart.Rule{APIGroups: []string{""}, Resources: []string{res}, Verbs: verbs}
	}
	apps := func(res string, verbs ...string) chart.Rule {
		return chart.Rule{APIGroups: []string{"apps"}, Resources: []string{res}, Verbs: verbs}
	}
	wantActions := map[string][]chart.Rule{
		"pod_bash_enricher":  {core("pods/exec", "create", "get")},
		"pod_oom_killer":     {core("pods", "delete")},
		"restart_deployment": {core("pods", "delete", "list"), core("secrets", "list")},
		"scale_check":        {apps("deployments", "patch"), apps("deployments/scale", "patch"), apps("replicasets", "list")},
		"tail_logs":          {core("pods/log", "get")},
	}
	if diff := cmp.Diff(wantActions, d.Actions); diff != "" {
		t.Errorf("action rules (-want +got):\n%s", diff)
	}
}

// Robusta's derived triggers watch the kinds their predicates read: the
// Events of warning events, Jobs, Pods.
func TestDerivedTriggerRules(t *testing.T) {
	rules, err := chart.TriggerRules()
	if err != nil {
		t.Fatal(err)
	}
	watch := []string{"get", "list", "watch"}
	for name, want := range map[string]chart.Rule{
		"on_kubernetes_warning_event":        {APIGroups: []string{""}, Resources: []string{"events"}, Verbs: watch},
		"on_kubernetes_warning_event_create": {APIGroups: []string{""}, Resources: []string{"events"}, Verbs: watch},
		"on_job_failure":                     {APIGroups: []string{"batch"}, Resources: []string{"jobs"}, Verbs: watch},
		"on_pod_crash_loop":                  {APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: watch},
		"on_pod_evicted":                     {APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: watch},
	} {
		if diff := cmp.Diff([]chart.Rule{want}, rules[name]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}

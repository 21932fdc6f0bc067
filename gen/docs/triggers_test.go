package docs

import (
	"testing"

	"github.com/robusta-go/robusta/runtime/trigger"
)

func TestTriggerList(t *testing.T) {
	var all, changes, pod []string
	for _, s := range trigger.Specs() {
		all = append(all, s.Name)
		if s.Class == trigger.Kubernetes || s.Class == trigger.AnyResource {
			changes = append(changes, s.Name)
		}
		if s.Kind == "Pod" {
			pod = append(pod, s.Name)
		}
	}
	for _, tc := range []struct {
		name     string
		accepted []string
		want     string
	}{
		{"all", all, "every trigger"},
		{"none", nil, "none (the action runs only by name)"},
		{"changes", changes, "every Kubernetes change trigger (`on_<kind>_*`, `on_kubernetes_any_resource_*`)"},
		{"changes and alerts", append(changes[:len(changes):len(changes)], "on_prometheus_alert"),
			"every Kubernetes change trigger (`on_<kind>_*`, `on_kubernetes_any_resource_*`), `on_prometheus_alert`"},
		{"a kind and alerts", append(pod[:4:4], "on_prometheus_alert"), "`on_pod_*`, `on_prometheus_alert`"},
		{"part of a kind", []string{"on_pod_update", "on_node_create", "on_node_update"}, "`on_pod_update`, `on_node_create`, `on_node_update`"},
		{"any resource", []string{"on_kubernetes_any_resource_create", "on_kubernetes_any_resource_update", "on_kubernetes_any_resource_delete", "on_kubernetes_any_resource_all_changes"}, "`on_kubernetes_any_resource_*`"},
	} {
		if got := triggerList(tc.accepted); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestEscaping(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{TableCell("a | b\nc"), `a \| b c`},
		{CodeSpan("a|b"), "`a\\|b`"},
		{CodeSpan("x`y"), "``x`y``"},
		{CodeSpan("`x"), "`` `x ``"},
		{CodeSpan(""), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

package playbooks_test

import (
	"testing"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

func node(t *testing.T, ready string) api.Object {
	conditions := `[{type: MemoryPressure, status: "False"}, {type: Ready, status: "` + ready + `"}]`
	if ready == "" {
		conditions = `[{type: MemoryPressure, status: "False"}]`
	}
	return apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1, labels: {zone: a}}, status: {conditions: `+conditions+`}}`)
}

func TestNodeHealthWatcher(t *testing.T) {
	ev := apitest.Change(t, "on_node_update", api.OperationUpdate, node(t, "False"), node(t, "True"))
	res := apitest.Run(t, playbooks.Actions, "node_health_watcher", "", ev, nil)
	f := res.Finding(t)
	if f.Title != "Unhealthy node node-1" || f.Severity != api.SeverityHigh || f.AggregationKey != "NodeNotReady" ||
		f.Subject.Kind != "Node" || f.Subject.Node != "node-1" || f.Subject.Labels["zone"] != "a" {
		t.Errorf("finding:\n%s", res)
	}
	blocks := res.Blocks()
	diff, isDiff := blocks[0].(api.KubernetesDiff)
	table, isTable := blocks[1].(api.Table)
	if len(blocks) != 2 || !isDiff || len(diff.Diffs) != 1 || !isTable || table.Name != "*Node status details:*" ||
		len(table.Rows) != 2 || table.Rows[1][0] != "Ready" || table.Rows[1][1] != "False" {
		t.Errorf("blocks:\n%s", res)
	}

	// Ready true -> Unknown or no Ready condition: unhealthy too.
	for _, now := range []string{"Unknown", ""} {
		ev := apitest.Change(t, "on_node_update", api.OperationUpdate, node(t, now), node(t, "True"))
		if f := apitest.Run(t, playbooks.Actions, "node_health_watcher", "", ev, nil).Finding(t); f.Title != "Unhealthy node node-1" {
			t.Errorf("Ready True -> %q: %q", now, f.Title)
		}
	}
}

// Only a transition from Ready reports: a node that stays not ready, stays
// ready, recovers, or had no Ready condition (registering) reports nothing,
// and neither does a create (no old version).
func TestNodeHealthWatcherQuiet(t *testing.T) {
	for _, c := range []struct{ name, old, now string }{
		{"false to false", "False", "False"},
		{"true to true", "True", "True"},
		{"recovers", "False", "True"},
		{"registering", "", "False"},
		{"unknown to false", "Unknown", "False"},
	} {
		ev := apitest.Change(t, "on_node_update", api.OperationUpdate, node(t, c.now), node(t, c.old))
		if res := apitest.Run(t, playbooks.Actions, "node_health_watcher", "", ev, nil); res.Err != nil || len(res.Findings) != 0 {
			t.Errorf("%s:\n%s", c.name, res)
		}
	}
	ev := apitest.Change(t, "on_node_create", api.OperationCreate, node(t, "False"), nil)
	if res := apitest.Run(t, playbooks.Actions, "node_health_watcher", "", ev, nil); res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("create:\n%s", res)
	}
}

package playbooks_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// event is an Event about kind/name in namespace, the minute'th minute
// after 03:00.
func event(t *testing.T, namespace, kind, name, typ string, minute int) runtime.Object {
	objNamespace := namespace
	if kind == "Node" {
		objNamespace = "" // a Node's events name no namespace for it
	}
	return apitest.Object(t, fmt.Sprintf(`
apiVersion: v1
kind: Event
metadata: {name: %s-%d, namespace: %s}
involvedObject: {kind: %s, name: %s, namespace: %q}
type: %s
reason: R%d
message: m%d
lastTimestamp: "2026-01-02T03:%02d:00Z"`, name, minute, namespace, kind, name, objNamespace, typ, minute, minute, minute))
}

// Robusta's defaults: the 8 newest of Warning and Normal, newest first;
// another pod's events and other types are not shown.
func TestPodEventsEnricherNewestFirst(t *testing.T) {
	pod, ev := podUpdate(t)
	objs := []runtime.Object{pod, event(t, "prod", "Pod", "api-1", "Warning", 59), event(t, "prod", "Pod", "api-0", "Custom", 58)}
	for m := range 10 {
		typ := "Normal"
		if m%2 == 1 {
			typ = "Warning"
		}
		objs = append(objs, event(t, "prod", "Pod", "api-0", typ, m))
	}
	res := apitest.Run(t, playbooks.Actions, "pod_events_enricher", "", ev, apitest.NewCluster(objs...))
	f := res.Finding(t)
	var rows [][]string
	for m := 9; m >= 2; m-- {
		typ := "Normal"
		if m%2 == 1 {
			typ = "Warning"
		}
		rows = append(rows, []string{fmt.Sprintf("R%d", m), typ, fmt.Sprintf("Jan 02, 2026, 03:%02d:00 AM", m), fmt.Sprintf("m%d", m)})
	}
	want := []api.Enrichment{{Title: "Pod Events", Blocks: []api.Block{table([]string{"reason", "type", "time", "message"}, "Pod Events", rows...)}}}
	if diff := cmp.Diff(want, f.Enrichments); diff != "" || res.Err != nil {
		t.Errorf("enrichments (-want +got):\n%s\n%s", diff, res)
	}

	_, ev = podUpdate(t)
	res = apitest.Run(t, playbooks.Actions, "pod_events_enricher", `{max_events: 2, included_types: [warning]}`, ev, apitest.NewCluster(objs...))
	got := res.Blocks()
	if len(got) != 1 || len(got[0].(api.Table).Rows) != 2 || got[0].(api.Table).Rows[1][0] != "R7" {
		t.Errorf("max_events 2 of Warning:\n%s", res)
	}

	// No events: no enrichment, hence no finding.
	_, ev = podUpdate(t)
	if res := apitest.Run(t, playbooks.Actions, "pod_events_enricher", "", ev, apitest.NewCluster(pod)); len(res.Findings) != 0 || res.Err != nil {
		t.Errorf("no events:\n%s", res)
	}
}

// The node's events are found in whichever namespace they were written.
func TestEnrichPodWithNodeEvents(t *testing.T) {
	pod, ev := podUpdate(t)
	c := apitest.NewCluster(pod, event(t, "default", "Node", "node-1", "Warning", 1), event(t, "kube-system", "Node", "node-1", "Normal", 2),
		event(t, "default", "Node", "node-2", "Warning", 3), event(t, "prod", "Pod", "node-1", "Warning", 4))
	res := apitest.Run(t, playbooks.Actions, "enrich_pod_with_node_events", "", ev, c)
	rows := [][]string{{"R2", "Normal", "Jan 02, 2026, 03:02:00 AM", "m2"}, {"R1", "Warning", "Jan 02, 2026, 03:01:00 AM", "m1"}}
	want := []api.Enrichment{{Title: "Node Events", Blocks: []api.Block{table([]string{"reason", "type", "time", "message"}, "Node Events", rows...)}}}
	if diff := cmp.Diff(want, res.Finding(t).Enrichments); diff != "" || res.Err != nil {
		t.Errorf("enrichments (-want +got):\n%s\n%s", diff, res)
	}
}

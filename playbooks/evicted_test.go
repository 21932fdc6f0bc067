package playbooks_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const evictedPod = `
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: prod}
spec: {nodeName: node-1, containers: [{name: main}]}
status: {phase: Failed, reason: Evicted, message: "The node was low on resource: memory."}
`

func TestPodEvictedEnricher(t *testing.T) {
	pod, node := apitest.Object(t, evictedPod), apitest.Object(t, node1)
	neighbour := apitest.Object(t, `
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: data}
spec: {nodeName: node-1, containers: [{name: db}]}
status: {conditions: [{type: Ready, status: "True"}]}`)
	elsewhere := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: web-0, namespace: prod}, spec: {nodeName: node-2, containers: [{name: web}]}}`)
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	res := apitest.Run(t, playbooks.Actions, "pod_evicted_enricher", "", ev, apitest.NewCluster(pod, node, neighbour, elsewhere))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	f := wantFinding(t, res, "Pod api-0 in namespace prod was Evicted", "PodEvictedTriggered")
	want := []api.Enrichment{
		{Title: "Node Info", Blocks: []api.Block{
			table([]string{"Field", "Value"}, "*Node general info:*", []string{"Node Name", "node-1"}),
			table([]string{"Type", "Status"}, "*Node status details:*", []string{"Ready", "True"}, []string{"MemoryPressure", "True"}),
			table([]string{"resource", "value"}, "*Node Allocatable Resources:*", []string{"cpu", "3800m"}, []string{"memory", "7000Mi"}),
		}},
		// The pods the node runs (the evicted one too, as Robusta lists them);
		// another node's pod is not among them.
		{Blocks: []api.Block{table([]string{"namespace", "name", "ready"}, "Pods running on the node",
			[]string{"prod", "api-0", "Unknown"}, []string{"data", "db-0", "True"})}},
	}
	// The fake clientset lists across namespaces in no promised order.
	got := slices.Clone(f.Enrichments)
	if len(got) == 2 && len(got[1].Blocks) == 1 {
		if pods, ok := got[1].Blocks[0].(api.Table); ok {
			pods.Rows = slices.SortedFunc(slices.Values(pods.Rows), func(a, b []string) int { return strings.Compare(a[1], b[1]) })
			got[1] = api.Enrichment{Blocks: []api.Block{pods}}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("enrichments (-want +got):\n%s", diff)
	}
}

// Robusta sends nothing when the node cannot be read; a pod evicted from a
// node that is gone is still reported, with the node's name.
func TestPodEvictedEnricherNodeGone(t *testing.T) {
	pod := apitest.Object(t, evictedPod)
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	res := apitest.Run(t, playbooks.Actions, "pod_evicted_enricher", "", ev, apitest.NewCluster(pod))
	f := wantFinding(t, res, "Pod api-0 in namespace prod was Evicted", "PodEvictedTriggered")
	want := []api.Enrichment{{Title: "Node Info", Blocks: []api.Block{table([]string{"Field", "Value"}, "*Node general info:*", []string{"Node Name", "node-1"})}}}
	if diff := cmp.Diff(want, f.Enrichments); diff != "" || res.Err != nil {
		t.Errorf("enrichments (-want +got):\n%s\n%s", diff, res)
	}
}

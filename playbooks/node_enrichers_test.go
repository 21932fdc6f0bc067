package playbooks_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const nodeEnrichYAML = `
apiVersion: v1
kind: Node
metadata: {name: node-1}
status:
  capacity: {pods: "110", cpu: "4"}
  allocatable: {pods: "100", memory: 3Gi, cpu: 3900m}
  conditions: [{type: MemoryPressure, status: "False"}, {type: Ready, status: "False"}]
`

// nodeAlertCluster is a node, two running pods on it (one without any
// request, one with only a CPU request), a pending one, and a pod of
// another node; with the KubeNodeNotReady alert naming the node, resolved
// by the runner's resolver.
func nodeAlertCluster(t *testing.T) (*apitest.Cluster, *api.PrometheusAlertEvent) {
	objs := []string{
		nodeEnrichYAML,
		`{apiVersion: v1, kind: Pod, metadata: {name: web-0, namespace: prod}, spec: {nodeName: node-1, containers: [{name: c}]},
		  status: {phase: Running, conditions: [{type: Ready, status: "True"}]}}`,
		`{apiVersion: v1, kind: Pod, metadata: {name: db-0, namespace: data}, spec: {nodeName: node-1, containers: [{name: c, resources: {requests: {cpu: 100m}}}]},
		  status: {phase: Running, conditions: [{type: Ready, status: "False"}]}}`,
		`{apiVersion: v1, kind: Pod, metadata: {name: batch-0, namespace: prod}, spec: {nodeName: node-1, containers: [{name: c}]}, status: {phase: Pending}}`,
		`{apiVersion: v1, kind: Pod, metadata: {name: other-0, namespace: prod}, spec: {nodeName: node-2, containers: [{name: c}]}, status: {phase: Running}}`,
	}
	var typed []runtime.Object
	for _, o := range objs {
		typed = append(typed, apitest.Object(t, o))
	}
	c := apitest.NewCluster(typed...)
	ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeNodeNotReady", "node": "node-1"}})
	if ev.Node == nil {
		t.Fatal("the alert's node was not resolved")
	}
	return c, ev
}

func TestNodeStatusEnricher(t *testing.T) {
	c, ev := nodeAlertCluster(t)
	res := apitest.Run(t, playbooks.Actions, "node_status_enricher", "", ev, c)
	want := []api.Block{table([]string{"Type", "Status"}, "*Node status details:*", []string{"MemoryPressure", "False"}, []string{"Ready", "False"})}
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) {
		t.Errorf("node_status_enricher:\n%s", res)
	}
}

func TestNodeAllocatableResourcesEnricher(t *testing.T) {
	c, ev := nodeAlertCluster(t)
	res := apitest.Run(t, playbooks.Actions, "node_allocatable_resources_enricher", "", ev, c)
	want := []api.Block{table([]string{"resource", "value"}, "Node Allocatable Resources - The amount of compute resources that are available for pods",
		[]string{"cpu", "3900m"}, []string{"memory", "3Gi"}, []string{"pods", "100"})}
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) {
		t.Errorf("node_allocatable_resources_enricher:\n%s", res)
	}
}

func TestNodeRunningPodsEnricher(t *testing.T) {
	c, ev := nodeAlertCluster(t)
	res := apitest.Run(t, playbooks.Actions, "node_running_pods_enricher", "", ev, c)
	got := res.Blocks()
	if res.Err != nil || len(got) != 1 {
		t.Fatalf("node_running_pods_enricher:\n%s", res)
	}
	tb := got[0].(api.Table)
	// Every pod scheduled on the node, whatever its phase, as Robusta lists them.
	rows := map[string][]string{}
	for _, r := range tb.Rows {
		rows[r[1]] = r
	}
	want := map[string][]string{"web-0": {"prod", "web-0", "True"}, "db-0": {"data", "db-0", "False"}, "batch-0": {"prod", "batch-0", "Unknown"}}
	if tb.Name != "Pods running on the node" || !cmp.Equal(tb.Headers, []string{"namespace", "name", "ready"}) || !cmp.Equal(rows, want) {
		t.Errorf("node_running_pods_enricher:\n%s", res)
	}
}

func TestNodePodsCapacityEnricher(t *testing.T) {
	c, ev := nodeAlertCluster(t)
	res := apitest.Run(t, playbooks.Actions, "node_pods_capacity_enricher", "", ev, c)
	// Two pods run (the pending one and node-2's do not count); web-0 has no
	// request at all, db-0 no memory request.
	want := []api.Block{api.MarkdownBlock("*On the node node-1, there are currently 2 pods running and the maximum capacity for pods on this node is 110.*\n" +
		"1 pods don't have cpu request. 2 pods don't have memory request. ")}
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) {
		t.Errorf("node_pods_capacity_enricher:\n%s", res)
	}
}

// Without a node (an alert that names none) the enrichers fail with
// ErrNoNode rather than add an empty block.
func TestNodeEnrichersWithoutNode(t *testing.T) {
	ev := apitest.Alert(t, apitest.NewCluster(), api.Alert{Labels: map[string]string{"alertname": "KubeletTooManyPods"}})
	for _, name := range []string{"node_status_enricher", "node_allocatable_resources_enricher", "node_running_pods_enricher", "node_pods_capacity_enricher"} {
		if res := apitest.Run(t, playbooks.Actions, name, "", ev, apitest.NewCluster()); res.Err != api.ErrNoNode || len(res.Blocks()) != 0 {
			t.Errorf("%s without a node:\n%s", name, res)
		}
	}
}

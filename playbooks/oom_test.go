package playbooks_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// oomPod: main was OOM-killed twice; the later kill (the current state)
// is the one reported. worker's older kill is in its previous instance.
const oomPod = `
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: prod}
spec:
  nodeName: node-1
  containers:
  - {name: worker}
  - name: main
    resources: {requests: {memory: 256Mi}, limits: {memory: 1536Mi}}
status:
  containerStatuses:
  - name: worker
    image: w:1
    imageID: ""
    ready: true
    restartCount: 1
    state: {running: {}}
    lastState: {terminated: {exitCode: 137, reason: OOMKilled, finishedAt: "2026-01-02T03:00:00Z"}}
  - name: main
    image: api:1
    imageID: ""
    ready: false
    restartCount: 1
    state: {terminated: {exitCode: 137, reason: OOMKilled, startedAt: "2026-01-02T03:04:05Z", finishedAt: "2026-01-02T03:09:00Z"}}
`

// node1: 8000Mi capacity, 7000Mi allocatable: 12.50% kept from pods.
const node1 = `
apiVersion: v1
kind: Node
metadata: {name: node-1}
status:
  capacity: {memory: 8000Mi, cpu: "4"}
  allocatable: {memory: 7000Mi, cpu: 3800m}
  conditions: [{type: Ready, status: "True"}, {type: MemoryPressure, status: "True"}]
`

func TestPodOOMKillerEnricher(t *testing.T) {
	pod, node := apitest.Object(t, oomPod), apitest.Object(t, node1)
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	c := apitest.NewCluster(pod, node).WithLogs("prod", "api-0", "main", "allocating 2GiB\n")
	// Robusta's default PodOOMKill params, graphs included: without
	// Prometheus the finding says it is not configured, and the action
	// still succeeds.
	res := apitest.Run(t, playbooks.Actions, "pod_oom_killer_enricher", `{attach_logs: true, container_memory_graph: true, node_memory_graph: true, dmesg_log: false}`, ev, c)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	f := wantFinding(t, res, "Pod api-0 in namespace prod OOMKilled results", "PodOOMKilled")
	if !strings.Contains(res.String(), "couldn't connect to the Prometheus") {
		t.Errorf("want the not-configured block:\n%s", res)
	}
	if diff := cmp.Diff([]string{"Node Info", "Container Info", "", "Logs"}, titles(f)); diff != "" {
		t.Errorf("enrichments (-want +got):\n%s", diff)
	}
	nodeInfo := table([]string{"field", "value"}, "*Node Info*", []string{"Node Name", "node-1"}, []string{"Node allocated memory", "12.50% out of 7000MB allocatable"})
	containerInfo := table([]string{"field", "value"}, "*Container Info*",
		[]string{"Pod", "api-0"}, []string{"Namespace", "prod"},
		[]string{"Container memory", "256MB request, 1536MB limit"}, []string{"Container name", "main"},
		[]string{"Container started at", "2026-01-02T03:04:05Z"}, []string{"Container finished at", "2026-01-02T03:09:00Z"})
	if diff := cmp.Diff([][]api.Block{{nodeInfo}, {containerInfo}}, [][]api.Block{titled(f, "Node Info")[0], titled(f, "Container Info")[0]}); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	// The killed instance is the current one: its log, not the previous.
	if want := []string{`logs prod/api-0 container="main" previous=false tail=0`}; !cmp.Equal(c.Calls(), want) || string(res.Files()["api-0.log"]) != "allocating 2GiB\n" {
		t.Errorf("calls = %q, want %q\n%s", c.Calls(), want, res)
	}
}

// A kill in the previous instance reads the previous log (Robusta reads
// the current one, the replacement's); no limits say so; a node that is
// gone leaves out Node Info; without attach_logs no log is read.
func TestPodOOMKillerEnricherPreviousInstance(t *testing.T) {
	only := strings.Replace(oomPod, "reason: OOMKilled, startedAt", "reason: Error, startedAt", 1)
	pod := apitest.Object(t, only)
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	c := apitest.NewCluster(pod).WithLogs("prod", "api-0", "worker", "leak\n")
	res := apitest.Run(t, playbooks.Actions, "pod_oom_killer_enricher", `{attach_logs: true}`, ev, c)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	f := wantFinding(t, res, "Pod api-0 in namespace prod OOMKilled results", "PodOOMKilled")
	want := table([]string{"field", "value"}, "*Container Info*",
		[]string{"Pod", "api-0"}, []string{"Namespace", "prod"},
		[]string{"Container memory", "No request, No limit"}, []string{"Container name", "worker"},
		[]string{"Container finished at", "2026-01-02T03:00:00Z"})
	if diff := cmp.Diff([]string{"Container Info", "Logs"}, titles(f)); diff != "" {
		t.Errorf("enrichments (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]api.Block{{want}}, titled(f, "Container Info")); diff != "" {
		t.Errorf("container info (-want +got):\n%s", diff)
	}
	if want := []string{`logs prod/api-0 container="worker" previous=true tail=0`}; !cmp.Equal(c.Calls(), want) {
		t.Errorf("calls = %q, want %q", c.Calls(), want)
	}

	c = apitest.NewCluster(pod)
	res = apitest.Run(t, playbooks.Actions, "pod_oom_killer_enricher", "", apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil), c)
	if f := res.Finding(t); res.Err != nil || len(c.Calls()) != 0 || !cmp.Equal(titles(f), []string{"Container Info"}) {
		t.Errorf("without attach_logs: calls %q\n%s", c.Calls(), res)
	}
}

// A node reporting no memory capacity: Robusta divides by zero; here the
// table says so.
func TestPodOOMKillerEnricherNodeWithoutCapacity(t *testing.T) {
	pod := apitest.Object(t, oomPod)
	node := apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1}, status: {allocatable: {memory: 1Gi}}}`)
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	res := apitest.Run(t, playbooks.Actions, "pod_oom_killer_enricher", "", ev, apitest.NewCluster(pod, node))
	got := titled(res.Finding(t), "Node Info")
	want := [][]api.Block{{table([]string{"field", "value"}, "*Node Info*", []string{"Node Name", "node-1"},
		[]string{"Node allocated memory", "unknown: the node reports no memory capacity, 1024MB allocatable"})}}
	if diff := cmp.Diff(want, got); diff != "" || res.Err != nil {
		t.Errorf("node info (-want +got):\n%s\n%s", diff, res)
	}
}

// With Prometheus, node_memory_graph draws the node's memory utilization
// under "Node Info" and container_memory_graph the killed container's
// memory around the kill under "Container Info", as Robusta places them.
func TestPodOOMKillerEnricherGraphs(t *testing.T) {
	fixGraphClock(t)
	pod := apitest.Object(t, strings.Replace(oomPod, "finishedAt: \"2026-01-02T03:09:00Z\"", "finishedAt: \""+graphNow.Add(-20*time.Minute).Format(time.RFC3339)+"\"", 1))
	node := apitest.Object(t, node1+"  addresses: [{type: InternalIP, address: 10.0.0.7}]\n")
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	containerQuery := `sum(max(container_memory_working_set_bytes{namespace="prod", pod=~"api-0", container=~"main", image!=""}) by (container, pod, job)) by (container, pod, job)`
	ip := `job="node-exporter", instance=~"10.0.0.7:[0-9]+"`
	nodeQuery := `1 - ((node_memory_MemAvailable_bytes{` + ip + `} or (node_memory_Buffers_bytes{` + ip + `} + node_memory_Cached_bytes{` + ip +
		`} + node_memory_MemFree_bytes{` + ip + `} + node_memory_Slab_bytes{` + ip + `} ) ) / node_memory_MemTotal_bytes{` + ip + `}) != 0`
	prom := apitest.NewPrometheus().
		WithRange(containerQuery, ramp(map[string]string{"pod": "api-0", "container": "main"}, 900*mib, 300*mib)).
		WithRange(nodeQuery, ramp(map[string]string{"instance": "10.0.0.7:9100"}, 0.6, 0.2))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "pod_oom_killer_enricher", `{container_memory_graph: true, node_memory_graph: true}`, ev, apitest.NewCluster(pod, node))
	if res.Err != nil {
		t.Fatalf("%v\n%s", res.Err, res)
	}
	f := res.Finding(t)
	if diff := cmp.Diff([]string{"Node Info", "Container Info"}, titles(f)); diff != "" {
		t.Errorf("enrichments (-want +got):\n%s", diff)
	}
	for _, c := range []struct{ enrichment, file string }{
		{"Node Info", "Memory Utilization for this node.png"},
		{"Container Info", "Memory Usage for container main.png"},
	} {
		blocks := titled(f, c.enrichment)[0]
		var names []string
		for _, b := range blocks {
			if fb, ok := b.(api.File); ok {
				names = append(names, fb.Name)
			}
		}
		if !slices.Contains(names, c.file) {
			t.Errorf("%s has files %q, want %q beside its table", c.enrichment, names, c.file)
		}
	}
	if n := len(prom.Calls()); n != 2 {
		t.Errorf("%d Prometheus queries, want the node's and the container's: %+v", n, prom.Calls())
	}
}

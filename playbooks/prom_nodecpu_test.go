package playbooks_test

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/api/graph/graphtest"
	"github.com/robusta-go/robusta/runtime/prom"
	"github.com/robusta-go/robusta/runtime/prom/promtest"
)

// cpuNode is an EKS-style node: its name has dots, which the queries must
// escape in node-exporter's instance regex.
const cpuNode = `
apiVersion: v1
kind: Node
metadata: {name: ip-10-0-0-7.ec2.internal}
status:
  addresses: [{type: Hostname, address: ip-10-0-0-7}, {type: InternalIP, address: 10.0.0.7}]
`

// The queries node_cpu_enricher sends for cpuNode, written out.
const (
	nodeTotalQuery = `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle", instance=~"ip-10-0-0-7\\.ec2\\.internal|10\\.0\\.0\\.7:.*"}[5m]))` +
		` - avg by (instance) (rate(node_cpu_seconds_total{mode="iowait", instance=~"ip-10-0-0-7\\.ec2\\.internal|10\\.0\\.0\\.7:.*"}[5m]))`
	nodeUsage             = `sum(rate(container_cpu_usage_seconds_total{node="ip-10-0-0-7.ec2.internal", pod!="", image!=""}[5m]))`
	nodePerCPU            = ` / scalar(sum(machine_cpu_cores{node="ip-10-0-0-7.ec2.internal"}))`
	nodeContainersQuery   = nodeUsage + nodePerCPU
	nodePodsShareQuery    = nodeUsage + ` by (pod)` + nodePerCPU
	nodePodsCoresQuery    = nodeUsage + ` by (pod)`
	nodePodsRequestsQuery = `sum by (pod) (kube_pod_container_resource_requests{resource="cpu", node="ip-10-0-0-7.ec2.internal"} or kube_pod_container_resource_requests_cpu_cores{node="ip-10-0-0-7.ec2.internal"})`
)

func podSample(name string, v float64) api.Sample {
	return api.Sample{Labels: map[string]string{"pod": name}, Value: v}
}

func hostHighCPU(t *testing.T) (*api.PrometheusAlertEvent, *apitest.Cluster) {
	node := apitest.Object(t, cpuNode)
	c := apitest.NewCluster(node)
	return apitest.Alert(t, c, api.Alert{Name: "HostHighCpuLoad", Labels: map[string]string{"node": "ip-10-0-0-7.ec2.internal", "severity": "warning"}}), c
}

// The node at 85% CPU on 4 cores: containers 60%, api-0 the busiest. The
// answers come from a server speaking Prometheus' HTTP API (vector
// results), read by the runner's own client.
func TestNodeCPUEnricher(t *testing.T) {
	srv := promtest.New(t).
		Instant(nodeTotalQuery, api.Sample{Labels: map[string]string{"instance": "10.0.0.7:9100"}, Value: 0.853}).
		Instant(nodeContainersQuery, api.Sample{Labels: map[string]string{}, Value: 0.6}).
		Instant(nodePodsShareQuery, podSample("worker-1", 0.1), podSample("api-0", 0.5), podSample("idle-0", 0.001)).
		Instant(nodePodsCoresQuery, podSample("worker-1", 0.4), podSample("api-0", 2), podSample("idle-0", 0.004)).
		Instant(nodePodsRequestsQuery, podSample("api-0", 0.5), podSample("idle-0", 0.1), podSample("batch-0", 1))
	ev, c := hostHighCPU(t)
	ev.Execution().SetPrometheus(prom.NewConnector(api.PrometheusParams{}, nil))
	res := apitest.Run(t, playbooks.Actions, "node_cpu_enricher", `{prometheus_url: "`+srv.URL+`"}`, ev, c)
	if res.Err != nil {
		t.Fatalf("node_cpu_enricher:\n%s", res)
	}
	table := api.TableBlock([]string{"pod", "Actual CPU Usage", "CPU Request"}, [][]string{
		{"api-0", "2.00 vCPU", "0.50 vCPU"},
		{"worker-1", "0.40 vCPU", "no data"},
		{"batch-0", "no data", "1.00 vCPU"},
		{"idle-0", "0.00 vCPU", "0.10 vCPU"},
	})
	table.Name = "Actual Vs Requested vCPUs on Node ip-10-0-0-7.ec2.internal"
	want := []api.Block{
		api.HeaderBlock("Node CPU Analysis"),
		api.MarkdownBlock("_*Quick explanation:* High CPU typically occurs if you define pod CPU requests incorrectly and Kubernetes schedules too many pods on one node. If this is the case, update your pod CPU requests to more accurate numbers using guidance from the attached graphs_"),
		api.DividerBlock(),
		api.MarkdownBlock("*Total CPU usage on node:* 85%\n*Container CPU usage on node:* 60%\n*Non-container CPU usage on node:* 25%\n"),
		api.DividerBlock(),
		api.MarkdownBlock("*Pods with CPU > 0.5%* (all numbers between 0-100% regardless of CPU count)"),
		api.ListBlock("api-0: *50.0%*", "worker-1: *10.0%*"),
		table,
	}
	got := res.Blocks()
	if len(got) != len(want)+4 {
		t.Fatalf("node_cpu_enricher: %d blocks, want %d and the two charts as PNG and SVG:\n%s", len(got), len(want), res)
	}
	if diff := cmp.Diff(want, got[:len(want)]); diff != "" {
		t.Errorf("node_cpu_enricher blocks (-want +got):\n%s", diff)
	}
	for i, name := range []string{"cpu_usage", "usage_vs_requested"} {
		png, ok1 := got[len(want)+2*i].(api.File)
		svg, ok2 := got[len(want)+2*i+1].(api.File)
		if !ok1 || !ok2 || png.Name != name+".png" || svg.Name != name+".svg" || !bytes.HasPrefix(svg.Contents, []byte("<?xml")) {
			t.Fatalf("want the files %s.png and %s.svg, got %q and %q", name, name, png.Name, svg.Name)
		}
		graphtest.Golden(t, filepath.Join("testdata", "node_cpu_"+name+".png"), png.Contents, updatingGoldens())
	}
	if n := len(srv.Requests()); n != 5 {
		t.Errorf("%d queries, want 5", n)
	}
}

// A node-exporter that is not scraped gives no total: the action says
// which data is missing, with the query, instead of Robusta's IndexError.
func TestNodeCPUEnricherNoNodeExporter(t *testing.T) {
	ev, c := hostHighCPU(t)
	apitest.NewPrometheus().WithQuery(nodeTotalQuery).On(ev)
	res := apitest.Run(t, playbooks.Actions, "node_cpu_enricher", "", ev, c)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "node_cpu_seconds_total") || len(res.Findings) != 0 {
		t.Errorf("node_cpu_enricher: want an error naming the missing metric\n%s", res)
	}
}

func TestNodeCPUEnricherPrometheusNotConfigured(t *testing.T) {
	ev, c := hostHighCPU(t)
	res := apitest.Run(t, playbooks.Actions, "node_cpu_enricher", "", ev, c)
	if res.Err != nil || !cmp.Equal(res.Blocks(), []api.Block{api.MarkdownBlock(api.PrometheusNotConfiguredText)}) {
		t.Errorf("node_cpu_enricher without Prometheus:\n%s", res)
	}
}

func TestNodeCPUEnricherNoNode(t *testing.T) {
	ev := apitest.Alert(t, apitest.NewCluster(), api.Alert{Name: "HostHighCpuLoad", Labels: map[string]string{"node": "gone"}})
	res := apitest.Run(t, playbooks.Actions, "node_cpu_enricher", "", ev, nil)
	if res.Err != api.ErrNoNode {
		t.Errorf("node_cpu_enricher: err %v, want %v", res.Err, api.ErrNoNode)
	}
}

// updatingGoldens reports whether the test runs with -update, the flag the
// graph tests of this package define for their golden PNGs.
func updatingGoldens() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

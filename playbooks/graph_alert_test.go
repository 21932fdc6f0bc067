package playbooks_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const nodeCPUQuery = `1 - avg without (cpu) ( sum without (mode) (rate(node_cpu_seconds_total{job="node-exporter", instance=~"10.0.0.5:[0-9]+", mode=~"idle|iowait|steal"}[5m]))) != 0`

func graphNode(t *testing.T) api.Object {
	return apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1}, status: {addresses: [{type: Hostname, address: node-1}, {type: InternalIP, address: 10.0.0.5}]}}`)
}

// HostHighCpuLoad's default playbook: the node's CPU graph, found by the
// node's internal IP, titled and named as in Robusta.
func TestAlertGraphEnricherNodeCPU(t *testing.T) {
	fixGraphClock(t)
	c := apitest.NewCluster(graphNode(t))
	ev := apitest.Alert(t, c, api.Alert{Name: "HostHighCpuLoad", Labels: map[string]string{"node": "node-1"}, StartsAt: graphNow.Add(-10 * time.Minute)})
	prom := apitest.NewPrometheus().WithRange(nodeCPUQuery, ramp(map[string]string{"instance": "10.0.0.5:9100", "job": "node-exporter"}, 0.55, 0.3))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "alert_graph_enricher", `{resource_type: CPU, item_type: Node}`, ev, c)
	graphFile(t, res, "Resources", "CPU Utilization for this node", "alert_graph_node_cpu")
	call := oneRange(t, prom)
	// The default hour, which the 10-minute-old alert does not widen, at
	// Robusta's 250 points an hour.
	want := api.Range{Start: graphNow.Add(-time.Hour), End: graphNow, Step: 14400 * time.Millisecond}
	if call.Range != want {
		t.Errorf("range %+v, want %+v", call.Range, want)
	}
}

// An alert older than the graph's duration widens the window to its start.
func TestAlertGraphEnricherWindowCoversTheAlert(t *testing.T) {
	fixGraphClock(t)
	ev := apitest.Alert(t, nil, api.Alert{Name: "CPUThrottlingHigh", StartsAt: graphNow.Add(-3 * time.Hour),
		Labels: map[string]string{"namespace": "prod", "pod": "web-1", "container": "app"}})
	q := `sum(irate(container_cpu_usage_seconds_total{namespace="prod", pod=~"web-1"}[5m])) by (pod, job)`
	prom := apitest.NewPrometheus().WithRange(q, ramp(map[string]string{"pod": "web-1", "job": "kubelet"}, 0.2, 0.1))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "alert_graph_enricher", `{resource_type: CPU, item_type: Pod, graph_duration_minutes: 30}`, ev, nil)
	graphFile(t, res, "Resources", "CPU Usage for this pod", "")
	if r := oneRange(t, prom).Range; r.Start != graphNow.Add(-3*time.Hour) || r.Step != time.Minute {
		t.Errorf("range %+v: want the alert's 3 hours at one point a minute", r)
	}
}

// Without prometheus_url the action says so and the playbook goes on.
func TestAlertGraphEnricherPrometheusNotConfigured(t *testing.T) {
	ev := apitest.Alert(t, nil, api.Alert{Name: "HostHighCpuLoad"})
	res := apitest.Run(t, playbooks.Actions, "alert_graph_enricher", `{resource_type: CPU, item_type: Node}`, ev, nil)
	if res.Err != nil || len(res.Blocks()) != 1 || res.Blocks()[0] != api.MarkdownBlock(api.PrometheusNotConfiguredText) {
		t.Errorf("want the not-configured block and no error:\n%s", res)
	}
}

func TestAlertGraphEnricherErrors(t *testing.T) {
	ev := apitest.Alert(t, nil, api.Alert{Name: "X", Labels: map[string]string{"namespace": "prod", "pod": "web-1"}})
	apitest.NewPrometheus().On(ev)
	res := apitest.Run(t, playbooks.Actions, "alert_graph_enricher", `{resource_type: Disk, item_type: Pod}`, ev, nil)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "(Disk, Pod)") {
		t.Errorf("Disk of a pod: want Robusta's not-supported error, got %v", res.Err)
	}
	boom := errors.New("connection refused")
	q := `sum(max(container_memory_working_set_bytes{namespace="prod", pod=~"web-1", container!="", image!=""}) by (container, pod, job)) by (container, pod, job)`
	apitest.NewPrometheus().WithError(q, boom).On(ev)
	res = apitest.Run(t, playbooks.Actions, "alert_graph_enricher", `{resource_type: Memory, item_type: Pod}`, ev, nil)
	if !errors.Is(res.Err, boom) {
		t.Errorf("a failing Prometheus: want its error, got %v", res.Err)
	}
}

// prometheus_graphs_overrides replaces the query and the format.
func TestAlertGraphEnricherOverride(t *testing.T) {
	fixGraphClock(t)
	ev := apitest.Alert(t, nil, api.Alert{Name: "X", Labels: map[string]string{"namespace": "prod", "pod": "web-1"}})
	prom := apitest.NewPrometheus().WithRange(`my_mem{pod="web-1"}`, ramp(map[string]string{"pod": "web-1"}, 0.5, 0.1))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "alert_graph_enricher", `{resource_type: Memory, item_type: Pod,
  prometheus_graphs_overrides: [{resource_type: Memory, item_type: Pod, query: 'my_mem{pod="$pod"}', values_format: Percentage}]}`, ev, nil)
	graphFile(t, res, "Resources", "Memory Utilization for this pod", "")
}

func generatorURL(expr string) string {
	return "http://prometheus:9090/graph?g0.expr=" + url.QueryEscape(expr) + "&g0.tab=1"
}

// graph_enricher draws the alert's expression; its threshold becomes a
// line over the whole series.
func TestGraphEnricherThreshold(t *testing.T) {
	fixGraphClock(t)
	expr := `sum(rate(http_requests_total{status=~"5.."}[5m])) by (service) > 0.5`
	ev := apitest.Alert(t, nil, api.Alert{Name: "HighErrorRate", GeneratorURL: generatorURL(expr)})
	prom := apitest.NewPrometheus().WithRange(`sum(rate(http_requests_total{status=~"5.."}[5m])) by (service)`,
		ramp(map[string]string{"service": "checkout"}, 0.5, 0.3), ramp(map[string]string{"service": "cart"}, 0.2, 0.1))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "graph_enricher", "", ev, nil)
	graphFile(t, res, "Alert Expression Graph", expr, "graph_enricher_threshold")
}

// Without a generatorURL the expression comes from the alert's rule.
func TestGraphEnricherReadsTheRule(t *testing.T) {
	fixGraphClock(t)
	ev := apitest.Alert(t, nil, api.Alert{Name: "HighErrorRate"})
	prom := apitest.NewPrometheus().WithRules(
		api.Rule{Type: "recording", Name: "HighErrorRate", Query: "wrong"},
		api.Rule{Type: "alerting", Name: "HighErrorRate", Query: "errors_total != 0"}).
		WithRange("errors_total != 0", ramp(nil, 1, 0.5))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "graph_enricher", "", ev, nil)
	graphFile(t, res, "Alert Expression Graph", "errors_total != 0", "")

	ev = apitest.Alert(t, nil, api.Alert{Name: "Unknown"})
	prom.On(ev)
	res = apitest.Run(t, playbooks.Actions, "graph_enricher", "", ev, nil)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "no alerting rule") {
		t.Errorf("an alert without a query: %v", res.Err)
	}
}

func TestCustomGraphEnricher(t *testing.T) {
	fixGraphClock(t)
	c := apitest.NewCluster(graphNode(t))
	ev := apitest.Alert(t, c, api.Alert{Name: "NodeLoad", Labels: map[string]string{"node": "node-1", "team": "infra"}})
	q := `node_load1{instance=~"10.0.0.5:[0-9]+", team="infra"}`
	prom := apitest.NewPrometheus().WithRange(q, ramp(map[string]string{"instance": "10.0.0.5:9100"}, 2, 1))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "custom_graph_enricher", `{promql_query: 'node_load1{instance=~"$node_internal_ip:[0-9]+", team="$team"}',
  graph_title: "Load of $node ($nope)", chart_values_format: Plain, hide_legends: true}`, ev, c)
	graphFile(t, res, "Load of node-1 (<missing>)", "Load of node-1 (<missing>)", "")
}

func TestAlertDefinitionEnricher(t *testing.T) {
	// Alertmanager's templates HTML-escape the URL: each + (a space in
	// the query) arrives as &#43;.
	u := strings.ReplaceAll(generatorURL("a + b > 1"), "+", "&#43;")
	ev := apitest.Alert(t, nil, api.Alert{Name: "X", GeneratorURL: u})
	res := apitest.Run(t, playbooks.Actions, "alert_definition_enricher", "", ev, nil)
	want := api.MarkdownBlock("*Alert definition*\n```\na + b > 1\n```")
	if b := res.Blocks(); res.Err != nil || len(b) != 1 || b[0] != want {
		t.Errorf("want %q:\n%s", want.Text, res)
	}
}

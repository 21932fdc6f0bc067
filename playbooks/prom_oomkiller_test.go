package playbooks_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// oomAgo is a finishedAt the given time ago, as the API server writes it.
func oomAgo(d time.Duration) string {
	return time.Now().Add(-d).UTC().Truncate(time.Second).Format(time.RFC3339)
}

// oomNodeCluster holds node-1 and: api-0, OOM-killed 5 minutes ago at its
// 512Mi limit; worker-0, whose two limitless containers' previous
// instances were OOM-killed 2 minutes ago; old-0, killed two hours ago;
// and other-0 on another node.
func oomNodeCluster(t *testing.T) (*apitest.Cluster, map[string]string) {
	at := map[string]string{"api-0": oomAgo(5 * time.Minute), "worker-0": oomAgo(2 * time.Minute)}
	killed := func(finished string) string {
		return `{terminated: {exitCode: 137, reason: OOMKilled, finishedAt: "` + finished + `"}}`
	}
	objs := []runtime.Object{
		apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1}}`),
		apitest.Object(t, fmt.Sprintf(`
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: prod}
spec:
  nodeName: node-1
  containers: [{name: main, resources: {requests: {memory: 256Mi}, limits: {memory: 512Mi}}}]
status:
  containerStatuses:
  - {name: main, image: "api:1", imageID: "", ready: false, restartCount: 1, state: %s}
`, killed(at["api-0"]))),
		apitest.Object(t, fmt.Sprintf(`
apiVersion: v1
kind: Pod
metadata: {name: worker-0, namespace: prod}
spec:
  nodeName: node-1
  containers: [{name: w1}, {name: w2}]
status:
  containerStatuses:
  - {name: w1, image: "worker:2", imageID: "", ready: true, restartCount: 1, state: {running: {}}, lastState: %s}
  - {name: w2, image: "worker:2", imageID: "", ready: true, restartCount: 1, state: {running: {}}, lastState: %s}
`, killed(at["worker-0"]), killed(at["worker-0"]))),
		apitest.Object(t, fmt.Sprintf(`
apiVersion: v1
kind: Pod
metadata: {name: old-0, namespace: prod}
spec: {nodeName: node-1, containers: [{name: main}]}
status:
  containerStatuses: [{name: main, image: "old:1", imageID: "", ready: false, restartCount: 1, state: %s}]
`, killed(oomAgo(2*time.Hour)))),
		apitest.Object(t, fmt.Sprintf(`
apiVersion: v1
kind: Pod
metadata: {name: other-0, namespace: prod}
spec: {nodeName: node-2, containers: [{name: main}]}
status:
  containerStatuses: [{name: main, image: "other:1", imageID: "", ready: false, restartCount: 1, state: %s}]
`, killed(at["api-0"]))),
	}
	return apitest.NewCluster(objs...), at
}

const (
	apiMemoryQuery  = `max(max_over_time(container_memory_usage_bytes{node="node-1", pod="api-0", image!="", container!="POD", container="main", id=~"/kubepods.*"}[1200s]))`
	nodeMemoryQuery = `max(max_over_time(instance:node_memory_utilisation:ratio{job="node-exporter", instance="node-1"}[1200s]))`
)

func hostOOM(t *testing.T, c *apitest.Cluster) *api.PrometheusAlertEvent {
	return apitest.Alert(t, c, api.Alert{Name: "HostOomKillDetected", Labels: map[string]string{"instance": "10.0.0.7:9100", "node": "node-1", "severity": "warning"}})
}

// api-0 reached 97.5% of its limit: the container is the reason. worker-0's
// containers have no limit: the node, at 96% of its memory, is; it is
// asked once for both. Newest kills first.
func TestOomKillerEnricher(t *testing.T) {
	c, at := oomNodeCluster(t)
	ev := hostOOM(t, c)
	prom := apitest.NewPrometheus().
		WithQuery(apiMemoryQuery, promSum(0.975*512*(1<<20))).
		WithQuery(nodeMemoryQuery, promSum(0.96))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "oom_killer_enricher", "", ev, c)
	nodeReason := "node node-1 used too much memory: reached 96.0% of its available memory"
	want := []api.Block{api.TableBlock([]string{"time", "pod", "container", "image", "memory_specs", "estimated_reason"}, [][]string{
		{at["worker-0"], "worker-0", "w1", "worker:2", "request none, limit none", nodeReason},
		{at["worker-0"], "worker-0", "w2", "worker:2", "request none, limit none", nodeReason},
		{at["api-0"], "api-0", "main", "api:1", "request 256Mi, limit 512Mi", "container used too much memory: reached 97.5% of its specified limit"},
	})}
	if diff := cmp.Diff(want, res.Blocks()); res.Err != nil || diff != "" {
		t.Errorf("oom_killer_enricher (-want +got):\n%s\n%s", diff, res)
	}
	if n := len(prom.Calls()); n != 2 {
		t.Errorf("%d queries, want 2 (api-0's container, the node once): %v", n, prom.Calls())
	}
}

// Under the thresholds nothing is blamed: Robusta's "reason not found".
// metrics_duration_in_secs is the queries' window.
func TestOomKillerEnricherReasonNotFound(t *testing.T) {
	c, _ := oomNodeCluster(t)
	ev := hostOOM(t, c)
	w := strings.NewReplacer("[1200s]", "[600s]")
	apitest.NewPrometheus().
		WithQuery(w.Replace(apiMemoryQuery), promSum(0.5*512*(1<<20))).
		WithQuery(w.Replace(nodeMemoryQuery), promSum(0.7)).On(ev)
	res := apitest.Run(t, playbooks.Actions, "oom_killer_enricher", `{metrics_duration_in_secs: 600}`, ev, c)
	tables := res.Blocks()
	if res.Err != nil || len(tables) != 1 {
		t.Fatalf("oom_killer_enricher:\n%s", res)
	}
	for _, row := range tables[0].(api.Table).Rows {
		if row[5] != "reason not found" {
			t.Errorf("row %v: want reason not found", row)
		}
	}
}

// new_oom_kills_duration_in_sec reaches back further: old-0's kill of two
// hours ago is listed too. The newest kills come first.
func TestOomKillerEnricherNewKillsDuration(t *testing.T) {
	c, _ := oomNodeCluster(t)
	ev := hostOOM(t, c)
	res := apitest.Run(t, playbooks.Actions, "oom_killer_enricher", `{new_oom_kills_duration_in_sec: 10800}`, ev, c)
	var pods []string
	for _, b := range res.Blocks() {
		if tb, ok := b.(api.Table); ok {
			for _, row := range tb.Rows {
				pods = append(pods, row[1])
			}
		}
	}
	if want := []string{"worker-0", "worker-0", "api-0", "old-0"}; !cmp.Equal(pods, want) {
		t.Errorf("pods %v, want %v\n%s", pods, want, res)
	}
}

// Without Prometheus the kills, which come from Kubernetes, are still
// listed, after the not-configured block.
func TestOomKillerEnricherPrometheusNotConfigured(t *testing.T) {
	c, _ := oomNodeCluster(t)
	res := apitest.Run(t, playbooks.Actions, "oom_killer_enricher", "", hostOOM(t, c), c)
	b := res.Blocks()
	if res.Err != nil || len(b) != 2 || b[0] != api.MarkdownBlock(api.PrometheusNotConfiguredText) {
		t.Fatalf("oom_killer_enricher without Prometheus:\n%s", res)
	}
	if rows := b[1].(api.Table).Rows; len(rows) != 3 || rows[0][5] != "reason not found" {
		t.Errorf("rows %v", rows)
	}
}

// A failing query leaves that reason unknown, keeps the table, and is the
// action's error.
func TestOomKillerEnricherPrometheusError(t *testing.T) {
	c, _ := oomNodeCluster(t)
	ev := hostOOM(t, c)
	boom := errors.New("server error: 503")
	apitest.NewPrometheus().WithError(apiMemoryQuery, boom).WithQuery(nodeMemoryQuery, promSum(0.2)).On(ev)
	res := apitest.Run(t, playbooks.Actions, "oom_killer_enricher", "", ev, c)
	if !errors.Is(res.Err, boom) || len(res.Blocks()) != 1 {
		t.Errorf("oom_killer_enricher: want the table and the query's error\n%s", res)
	}
}

// No container on the node was killed recently: said in words (Robusta
// adds an empty enrichment), and Prometheus is not asked.
func TestOomKillerEnricherNoKills(t *testing.T) {
	c := apitest.NewCluster(apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1}}`))
	ev := hostOOM(t, c)
	prom := apitest.NewPrometheus()
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "oom_killer_enricher", "", ev, c)
	want := []api.Block{api.MarkdownBlock("No container on node node-1 was OOM-killed in the last 20 minutes: the killed process may run outside Kubernetes.")}
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) || len(prom.Calls()) != 0 {
		t.Errorf("oom_killer_enricher:\n%s", res)
	}
}

func TestOomKillerEnricherNoNode(t *testing.T) {
	c := apitest.NewCluster()
	res := apitest.Run(t, playbooks.Actions, "oom_killer_enricher", "", hostOOM(t, c), c)
	if res.Err != api.ErrNoNode {
		t.Errorf("oom_killer_enricher: err %v, want %v", res.Err, api.ErrNoNode)
	}
}

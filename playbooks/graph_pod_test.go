package playbooks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const podMemoryQuery = `sum(max(container_memory_working_set_bytes{namespace="prod", pod=~"web-1", container!="", image!=""}) by (container, pod, job)) by (container, pod, job)`

const mib = 1024 * 1024

func graphPod(t *testing.T, status string) api.Object {
	return apitest.Object(t, `
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: prod}
spec:
  nodeName: node-1
  containers:
  - {name: app, resources: {limits: {memory: 384Mi, cpu: 500m}, requests: {memory: 256Mi}}}
  - {name: sidecar, resources: {limits: {memory: 128Mi}, requests: {memory: 64Mi}}}
status: `+status)
}

// display_limits draws the pod's summed limit and request.
func TestPodGraphEnricherDisplayLimits(t *testing.T) {
	fixGraphClock(t)
	pod := graphPod(t, "{}")
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	prom := apitest.NewPrometheus().WithRange(podMemoryQuery,
		ramp(map[string]string{"pod": "web-1", "container": "app", "job": "kubelet"}, 300*mib, 60*mib),
		// The same container scraped by a second job is drawn once.
		ramp(map[string]string{"pod": "web-1", "container": "app", "job": "cadvisor"}, 100*mib, 10*mib),
		ramp(map[string]string{"pod": "web-1", "container": "sidecar", "job": "kubelet"}, 90*mib, 20*mib))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "pod_graph_enricher", `{resource_type: Memory, display_limits: true}`, ev, nil)
	graphFile(t, res, "Pod Resources", "Memory Usage for this pod", "pod_graph_memory_limits")
}

func TestPodNodeGraphEnricher(t *testing.T) {
	fixGraphClock(t)
	pod := graphPod(t, "{}")
	c := apitest.NewCluster(pod, graphNode(t))
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	prom := apitest.NewPrometheus().WithRange(nodeCPUQuery, ramp(map[string]string{"instance": "10.0.0.5:9100"}, 0.4, 0.2))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "pod_node_graph_enricher", `{resource_type: CPU}`, ev, c)
	graphFile(t, res, "Pod Resources", "CPU Utilization for this node", "")
}

func TestNodeGraphEnricher(t *testing.T) {
	fixGraphClock(t)
	node := graphNode(t)
	ev := apitest.Change(t, "on_node_update", api.OperationUpdate, node, nil)
	q := `sum(sort_desc(1 -(max without (mountpoint, fstype) (node_filesystem_avail_bytes{job="node-exporter", fstype!="", instance=~"10.0.0.5:[0-9]+"})/max without (mountpoint, fstype) (node_filesystem_size_bytes{job="node-exporter", fstype!="", instance=~"10.0.0.5:[0-9]+"})) != 0))`
	prom := apitest.NewPrometheus().WithRange(q, ramp(nil, 0.7, 0.05))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "node_graph_enricher", `{resource_type: Disk}`, ev, nil)
	graphFile(t, res, "Node Resources", "Disk Utilization for this node", "")
}

// The OOM-killed container's memory with its own limit and request and
// the kill's time; the window reaches an hour before the kill.
func TestOomkilledContainerGraphEnricher(t *testing.T) {
	fixGraphClock(t)
	killed := graphNow.Add(-20 * time.Minute)
	pod := graphPod(t, `{containerStatuses: [{name: app, restartCount: 1, state: {running: {}}, lastState: {terminated: {reason: OOMKilled, exitCode: 137, finishedAt: "`+killed.Format(time.RFC3339)+`"}}}]}`)
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	q := `sum(max(container_memory_working_set_bytes{namespace="prod", pod=~"web-1", container=~"app", image!=""}) by (container, pod, job)) by (container, pod, job)`
	prom := apitest.NewPrometheus().WithRange(q, ramp(map[string]string{"pod": "web-1", "container": "app"}, 330*mib, 50*mib))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "oomkilled_container_graph_enricher", `{resource_type: Memory}`, ev, nil)
	graphFile(t, res, "Container Info", "Memory Usage for container app", "oomkilled_container_memory")
	if r := oneRange(t, prom).Range; !r.Start.Equal(killed.Add(-time.Hour)) || !r.End.Equal(graphNow.Add(10*time.Minute)) {
		t.Errorf("range %+v: want from an hour before the kill to 30 minutes after it", r)
	}

	// A pod without an OOM kill has nothing to draw, and says nothing.
	ev = apitest.Change(t, "on_pod_update", api.OperationUpdate, graphPod(t, "{}"), nil)
	prom.On(ev)
	res = apitest.Run(t, playbooks.Actions, "oomkilled_container_graph_enricher", `{resource_type: Memory}`, ev, nil)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("no OOM kill: want nothing:\n%s", res)
	}
}

// Without Prometheus a pod update is not turned into a message about it;
// a finding an earlier action started gets the not-configured block.
func TestPodGraphEnricherNoPrometheus(t *testing.T) {
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, graphPod(t, "{}"), nil)
	res := apitest.Run(t, playbooks.Actions, "pod_graph_enricher", `{resource_type: CPU}`, ev, nil)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("want no finding and no error:\n%s", res)
	}
	ev = apitest.Change(t, "on_pod_update", api.OperationUpdate, graphPod(t, "{}"), nil)
	ev.AddFinding(&api.Finding{Title: "web-1 is slow"})
	res = apitest.Run(t, playbooks.Actions, "pod_graph_enricher", `{resource_type: CPU}`, ev, nil)
	if res.Err != nil || !strings.Contains(res.String(), "couldn't connect to the Prometheus") {
		t.Errorf("want the not-configured block on the finding:\n%s", res)
	}
}

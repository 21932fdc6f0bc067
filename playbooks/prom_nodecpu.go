package playbooks

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/robusta-go/robusta/runtime/api"
)

// NodeCPUParams configures NodeCPUEnricher: Robusta's PrometheusParams.
type NodeCPUParams struct {
	api.PrometheusParams
}

// podCPUThreshold is the share of the node's CPU (0.5%) under which a pod
// is left out of the list and the charts' bars, Robusta's threshold.
const podCPUThreshold = 0.005

// NodeCPUEnricher analyses a node's CPU usage, as Robusta: the node's
// total CPU usage, the containers' and the rest's (as shares of all its
// CPUs), the pods using more than 0.5%, and each pod's actual CPU against
// its request as a table; and Robusta's two pictures (PNG, and SVG for
// sinks with send_svg): the shares of the node's CPU (a bar chart where
// Robusta draws a treemap) and the pods' actual against requested vCPUs.
//
//robusta:action
func NodeCPUEnricher(ctx context.Context, event api.NodeEvent, params NodeCPUParams) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	n, err := newNodeCPUQueries(node.Node).analyse(ctx, prom)
	if err != nil {
		return fmt.Errorf("analysing the CPU of node %s: %w", node.Name, err)
	}
	// A chart that cannot be drawn still leaves the numbers.
	blocks, err := nodeCPUBlocks(node.Name, n)
	event.AddEnrichment(blocks...)
	return err
}

// nodeCPUBlocks are Robusta's blocks, in its words, with the values of
// its bar chart as a table too, for sinks that show no pictures.
func nodeCPUBlocks(node string, n nodeCPU) ([]api.Block, error) {
	percent := func(v float64) string { return strconv.Itoa(int(v*100)) + "%" }
	blocks := []api.Block{
		api.HeaderBlock("Node CPU Analysis"),
		api.MarkdownBlock("_*Quick explanation:* High CPU typically occurs if you define pod CPU " +
			"requests incorrectly and Kubernetes schedules too many pods on one node. " +
			"If this is the case, update your pod CPU requests to more accurate numbers " +
			"using guidance from the attached graphs_"),
		api.DividerBlock(),
		api.MarkdownBlock("*Total CPU usage on node:* " + percent(n.total) + "\n" +
			"*Container CPU usage on node:* " + percent(n.containers) + "\n" +
			"*Non-container CPU usage on node:* " + percent(n.total-n.containers) + "\n"),
		api.DividerBlock(),
		// Robusta writes "> 0.5" and means percent.
		api.MarkdownBlock(fmt.Sprintf("*Pods with CPU > %.1f%%* (all numbers between 0-100%% regardless of CPU count)", podCPUThreshold*100)),
	}
	var items []string
	for _, p := range n.share {
		if p.value >= podCPUThreshold {
			items = append(items, fmt.Sprintf("%s: *%.1f%%*", p.pod, p.value*100))
		}
	}
	if len(items) > 0 {
		blocks = append(blocks, api.ListBlock(items...))
	}
	if pods := usageVsRequested(n); len(pods) > 0 {
		blocks = append(blocks, usageTable(node, pods))
	}
	for _, draw := range []func(string, nodeCPU) ([]api.Block, error){sharesChart, usageChart} {
		files, err := draw(node, n)
		if err != nil {
			return blocks, err
		}
		blocks = append(blocks, files...)
	}
	return blocks, nil
}

// podCPU is one pod of the "Actual Vs Requested vCPUs" chart; a value
// not known is NaN.
type podCPU struct {
	pod           string
	used, request float64
}

// usageVsRequested is the pods of Robusta's "Actual Vs Requested vCPUs"
// chart: those using at least 0.5% of a CPU, busiest first, then the
// other pods with a request, by name.
func usageVsRequested(n nodeCPU) []podCPU {
	request := func(pod string) float64 {
		if r, ok := n.requests[pod]; ok {
			return r
		}
		return math.NaN()
	}
	var out []podCPU
	seen := map[string]bool{}
	cores := map[string]float64{}
	for _, p := range n.cores {
		cores[p.pod] = p.value
		if p.value >= podCPUThreshold {
			out = append(out, podCPU{p.pod, p.value, request(p.pod)})
			seen[p.pod] = true
		}
	}
	var rest []string
	for pod := range n.requests {
		if !seen[pod] {
			rest = append(rest, pod)
		}
	}
	slices.Sort(rest)
	// Robusta shows "no data" for a requesting pod under the threshold;
	// its usage is known, so it is shown.
	for _, pod := range rest {
		used, ok := cores[pod]
		if !ok {
			used = math.NaN()
		}
		out = append(out, podCPU{pod, used, n.requests[pod]})
	}
	return out
}

// usageTable writes the pods as a table, Robusta's bar chart's values.
func usageTable(node string, pods []podCPU) api.Table {
	vcpu := func(v float64) string {
		if math.IsNaN(v) {
			return "no data"
		}
		return fmt.Sprintf("%.2f vCPU", v)
	}
	rows := make([][]string, len(pods))
	for i, p := range pods {
		rows[i] = []string{p.pod, vcpu(p.used), vcpu(p.request)}
	}
	t := api.TableBlock([]string{"pod", "Actual CPU Usage", "CPU Request"}, rows)
	t.Name = "Actual Vs Requested vCPUs on Node " + node
	return t
}

package playbooks

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/robusta-go/robusta/runtime/api"
)

// NodeCPUParams configures NodeCPUEnricher: Robusta's PrometheusParams.
type NodeCPUParams struct {
	api.PrometheusParams
}

// podCPUThreshold is the share of the node's CPU (0.5%) under which a pod
// is left out of the list and the table, Robusta's threshold.
const podCPUThreshold = 0.005

// NodeCPUEnricher analyses a node's CPU usage, as Robusta: the node's
// total CPU usage, the containers' and the rest's (as shares of all its
// CPUs), the pods using more than 0.5%, and a table of each pod's actual
// CPU against its request. Robusta draws the last two as a treemap and a
// bar chart; the graph package draws time series only, so they are a
// list and a table here.
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
	event.AddEnrichment(nodeCPUBlocks(node.Name, n)...)
	return nil
}

// nodeCPUBlocks are Robusta's blocks, in its words, with the table in
// place of its two charts.
func nodeCPUBlocks(node string, n nodeCPU) []api.Block {
	percent := func(v float64) string { return strconv.Itoa(int(v*100)) + "%" }
	blocks := []api.Block{
		api.HeaderBlock("Node CPU Analysis"),
		api.MarkdownBlock("_*Quick explanation:* High CPU typically occurs if you define pod CPU " +
			"requests incorrectly and Kubernetes schedules too many pods on one node. " +
			"If this is the case, update your pod CPU requests to more accurate numbers " +
			"using guidance from the table below_"),
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
	if t, ok := usageVsRequested(node, n); ok {
		blocks = append(blocks, t)
	}
	return blocks
}

// usageVsRequested is Robusta's "Actual Vs Requested vCPUs" bar chart as a
// table: the pods using at least 0.5% of a CPU, busiest first, then the
// other pods with a request, by name.
func usageVsRequested(node string, n nodeCPU) (api.Table, bool) {
	vcpu := func(v float64, ok bool) string {
		if !ok {
			return "no data"
		}
		return fmt.Sprintf("%.2f vCPU", v)
	}
	var rows [][]string
	seen := map[string]bool{}
	for _, p := range n.cores {
		if p.value < podCPUThreshold {
			continue
		}
		req, ok := n.requests[p.pod]
		rows = append(rows, []string{p.pod, vcpu(p.value, true), vcpu(req, ok)})
		seen[p.pod] = true
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
	cores := map[string]float64{}
	for _, p := range n.cores {
		cores[p.pod] = p.value
	}
	for _, pod := range rest {
		used, ok := cores[pod]
		rows = append(rows, []string{pod, vcpu(used, ok), vcpu(n.requests[pod], true)})
	}
	if len(rows) == 0 {
		return api.Table{}, false
	}
	t := api.TableBlock([]string{"pod", "Actual CPU Usage", "CPU Request"}, rows)
	t.Name = "Actual Vs Requested vCPUs on Node " + node
	return t, true
}

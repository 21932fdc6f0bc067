package playbooks

import (
	"fmt"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/graph"
)

// node_cpu_enricher's two pictures, each a PNG and an SVG of one name:
// the engine gives the SVG only to sinks with send_svg, as the graph
// enrichers' (Robusta attaches SVGs and its sinks convert them).

// sharesChart is Robusta's treemap "CPU Usage on Node X" as a bar chart of
// shares of the node's CPU: the non-container use, the free CPU and each
// pod using at least 0.5%; the pods under that are summed in one bar, where
// Robusta's treemap draws each, unreadably small.
func sharesChart(node string, n nodeCPU) ([]api.Block, error) {
	c := graph.BarChart{Title: "CPU Usage on Node " + node, Format: graph.Percentage,
		Categories: []string{"Non-container usage", "Free CPU"},
		Groups:     []graph.BarGroup{{Name: "Share of the node's CPU", Values: []float64{n.total - n.containers, 1 - n.total}}}}
	rest, others := 0.0, 0
	for _, p := range n.share {
		if p.value < podCPUThreshold {
			rest += p.value
			others++
			continue
		}
		c.Categories = append(c.Categories, p.pod)
		c.Groups[0].Values = append(c.Groups[0].Values, p.value)
	}
	if others > 0 {
		label := fmt.Sprintf("%d other pods", others)
		if others == 1 {
			label = "1 other pod"
		}
		c.Categories = append(c.Categories, label)
		c.Groups[0].Values = append(c.Groups[0].Values, rest)
	}
	return drawBars(c, "cpu_usage")
}

// usageChart is Robusta's bar chart "Actual Vs Requested vCPUs on Node X":
// each pod's CPU used and requested, in cores.
func usageChart(node string, n nodeCPU) ([]api.Block, error) {
	pods := usageVsRequested(n)
	if len(pods) == 0 {
		return nil, nil
	}
	c := graph.BarChart{Title: "Actual Vs Requested vCPUs on Node " + node, Groups: []graph.BarGroup{{Name: "Actual CPU Usage"}, {Name: "CPU Request"}}}
	for _, p := range pods {
		c.Categories = append(c.Categories, p.pod)
		c.Groups[0].Values = append(c.Groups[0].Values, p.used)
		c.Groups[1].Values = append(c.Groups[1].Values, p.request)
	}
	return drawBars(c, "usage_vs_requested")
}

func drawBars(c graph.BarChart, name string) ([]api.Block, error) {
	png, err := c.PNG()
	if err != nil {
		return nil, fmt.Errorf("drawing %q: %w", c.Title, err)
	}
	svg, err := c.SVG()
	if err != nil {
		return nil, fmt.Errorf("drawing %q: %w", c.Title, err)
	}
	return []api.Block{api.FileBlock(name+".png", png), api.FileBlock(name+".svg", svg)}, nil
}

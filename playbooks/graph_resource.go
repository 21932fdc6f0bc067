package playbooks

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/graph"
)

// ResourceGraphEnricherParams are Robusta's ResourceGraphEnricherParams.
type ResourceGraphEnricherParams struct {
	api.PrometheusParams
	// ResourceType is the resource to draw: CPU, Memory or Disk.
	ResourceType string `json:"resource_type" jsonschema:"enum=CPU,enum=Memory,enum=Disk"`
	// GraphDurationMinutes is how far back the graph goes.
	GraphDurationMinutes int `json:"graph_duration_minutes,omitempty" jsonschema:"default=60,minimum=1"`
	// PrometheusGraphsOverrides replace the query (and format) of a
	// resource and item type's graph.
	PrometheusGraphsOverrides []OverrideGraph `json:"prometheus_graphs_overrides,omitempty"`
}

// OverrideGraph is Robusta's OverrideGraph: another query for one graph.
type OverrideGraph struct {
	// ResourceType is CPU, Memory or Disk.
	ResourceType string `json:"resource_type" jsonschema:"enum=CPU,enum=Memory,enum=Disk"`
	// ItemType is Pod, Node or Container.
	ItemType string `json:"item_type" jsonschema:"enum=Pod,enum=Node,enum=Container"`
	// Query is the PromQL query, with $pod, $namespace, $node,
	// $node_internal_ip and $container.
	Query string `json:"query"`
	// ValuesFormat is Plain, Bytes, Percentage or CPUUsage; by default the
	// graph's own.
	ValuesFormat string `json:"values_format,omitempty" jsonschema:"enum=Plain,enum=Bytes,enum=Percentage,enum=CPUUsage"`
}

type resourceChart struct {
	query  string
	format graph.Format
}

const nodeIP = `job="node-exporter", instance=~"$node_internal_ip:[0-9]+"`

// resourceCharts are Robusta's queries by resource and item type.
var resourceCharts = map[[2]string]resourceChart{
	{"CPU", "Pod"}:       {`sum(irate(container_cpu_usage_seconds_total{namespace="$namespace", pod=~"$pod"}[5m])) by (pod, job)`, graph.CPUUsage},
	{"CPU", "Node"}:      {`1 - avg without (cpu) ( sum without (mode) (rate(node_cpu_seconds_total{` + nodeIP + `, mode=~"idle|iowait|steal"}[5m]))) != 0`, graph.Percentage},
	{"CPU", "Container"}: {`sum(irate(container_cpu_usage_seconds_total{namespace="$namespace", pod=~"$pod", container=~"$container"}[5m])) by (container, pod, job)`, graph.CPUUsage},
	{"Memory", "Pod"}:    {`sum(max(container_memory_working_set_bytes{namespace="$namespace", pod=~"$pod", container!="", image!=""}) by (container, pod, job)) by (container, pod, job)`, graph.Bytes},
	{"Memory", "Node"}: {`1 - ((node_memory_MemAvailable_bytes{` + nodeIP + `} or (node_memory_Buffers_bytes{` + nodeIP + `} + node_memory_Cached_bytes{` + nodeIP +
		`} + node_memory_MemFree_bytes{` + nodeIP + `} + node_memory_Slab_bytes{` + nodeIP + `} ) ) / node_memory_MemTotal_bytes{` + nodeIP + `}) != 0`, graph.Percentage},
	{"Memory", "Container"}: {`sum(max(container_memory_working_set_bytes{namespace="$namespace", pod=~"$pod", container=~"$container", image!=""}) by (container, pod, job)) by (container, pod, job)`, graph.Bytes},
	{"Disk", "Node"}:        {`sum(sort_desc(1 -(max without (mountpoint, fstype) (node_filesystem_avail_bytes{job="node-exporter", fstype!="", instance=~"$node_internal_ip:[0-9]+"})/max without (mountpoint, fstype) (node_filesystem_size_bytes{job="node-exporter", fstype!="", instance=~"$node_internal_ip:[0-9]+"})) != 0))`, graph.Percentage},
}

// defaultFormat is Robusta's get_default_values_format.
func defaultFormat(resource, item string) graph.Format {
	switch {
	case item == "Node":
		return graph.Percentage
	case resource == "CPU":
		return graph.CPUUsage
	case resource == "Memory":
		return graph.Bytes
	}
	return graph.Plain
}

// resourceGraph is one resource graph to draw: Robusta's
// create_resource_enrichment.
type resourceGraph struct {
	item   string // Pod, Node or Container
	labels map[string]string
	lines  []graph.Line
	marks  []graph.Mark
	title  string // "" is Robusta's "<resource> Usage for this <item>"
	// start is the alert's start, which can widen the window.
	start time.Time
	// window, when set, replaces the default one (an OOM kill's).
	window func(start, end time.Time) (time.Time, time.Time)
}

func (p ResourceGraphEnricherParams) chart(item string) (resourceChart, error) {
	for _, o := range p.PrometheusGraphsOverrides {
		if o.ResourceType == p.ResourceType && o.ItemType == item {
			c := resourceChart{query: o.Query, format: defaultFormat(p.ResourceType, item)}
			if o.ValuesFormat != "" {
				f, err := graph.ParseFormat(o.ValuesFormat)
				if err != nil {
					return c, err
				}
				c.format = f
			}
			return c, nil
		}
	}
	c, ok := resourceCharts[[2]string{p.ResourceType, item}]
	if !ok {
		return c, fmt.Errorf("the following combination for resource chart is not supported: (%s, %s)", p.ResourceType, item)
	}
	return c, nil
}

func (p ResourceGraphEnricherParams) draw(ctx context.Context, prom api.Prometheus, g resourceGraph) ([]api.Block, error) {
	c, err := p.chart(g.item)
	if err != nil {
		return nil, err
	}
	title := g.title
	if title == "" {
		usage := "Usage"
		if c.format == graph.Percentage {
			usage = "Utilization"
		}
		title = fmt.Sprintf("%s %s for this %s", p.ResourceType, usage, strings.ToLower(g.item))
	}
	start, end := graphWindow(g.start, p.GraphDurationMinutes)
	if g.window != nil {
		start, end = g.window(start, end)
	}
	fallback := map[string]string{"Pod": g.labels["pod"], "Node": g.labels["node"], "Container": g.labels["container"]}[g.item]
	if fallback == "" {
		fallback = p.ResourceType + " Usage"
	}
	return drawGraph(ctx, prom, graphSpec{
		query: promQuery(c.query, g.labels), title: title, format: c.format,
		lines: g.lines, marks: g.marks, start: start, end: end, filterJobs: true, fallbackName: fallback,
	})
}

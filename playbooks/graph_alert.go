package playbooks

import (
	"context"
	"fmt"
	"html"
	"maps"
	"net/url"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/graph"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// AlertResourceGraphEnricherParams are Robusta's AlertResourceGraphEnricherParams.
type AlertResourceGraphEnricherParams struct {
	ResourceGraphEnricherParams
	// ItemType is what the graph is of: the alert's Pod or Node.
	ItemType string `json:"item_type" jsonschema:"enum=Pod,enum=Node"`
}

// AlertGraphEnricher attaches a resource-usage graph (CPU, Memory or Disk)
// of the pod or node the alert is about, as a PNG, under "Resources".
// Without Prometheus it says "not configured" instead.
//
//robusta:action
func AlertGraphEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params AlertResourceGraphEnricherParams) error {
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	blocks, err := params.draw(ctx, prom, resourceGraph{item: params.ItemType, labels: alertGraphLabels(event), start: event.Alert.StartsAt})
	if err != nil {
		return fmt.Errorf("alert_graph_enricher: %w", err)
	}
	event.Execution().AddTitledEnrichment(event, "Resources", blocks)
	return nil
}

// alertGraphLabels are the alert's labels and, when it names a node,
// node_internal_ip for the node queries.
func alertGraphLabels(event *api.PrometheusAlertEvent) map[string]string {
	labels := maps.Clone(event.Alert.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	if event.Node != nil {
		if ip := internalIP(event.Node); ip != "" {
			labels["node_internal_ip"] = ip
		}
	}
	return labels
}

// AlertDefinitionEnricher adds the Prometheus query that defines the
// alert, read from its generatorURL.
//
//robusta:action
func AlertDefinitionEnricher(ctx context.Context, event *api.PrometheusAlertEvent) error {
	event.AddEnrichment(api.MarkdownBlock("*Alert definition*\n```\n" + generatorQuery(event.Alert.GeneratorURL) + "\n```"))
	return nil
}

// generatorQuery is the expression in a generatorURL's g0.expr (Robusta's
// get_prometheus_query), "" when there is none.
func generatorQuery(generatorURL string) string {
	u, err := url.Parse(html.UnescapeString(generatorURL))
	if err != nil {
		return ""
	}
	return u.Query().Get("g0.expr")
}

// GraphEnricherParams are Robusta's GraphEnricherParams.
type GraphEnricherParams struct {
	api.PrometheusParams
	// GraphDurationMinutes is how far back the graph goes.
	GraphDurationMinutes int `json:"graph_duration_minutes,omitempty" jsonschema:"default=60,minimum=1"`
}

// GraphEnricher attaches a graph of the alert's own expression, under
// "Alert Expression Graph". Where the expression ends in a threshold
// (expr > 0.5) it draws expr and the threshold as a line, so the graph
// shows how close the values came, not only the points past it.
//
//robusta:action
func GraphEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params GraphEnricherParams) error {
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	expr, err := alertExpression(ctx, event, prom)
	if err != nil {
		return err
	}
	spec := graphSpec{query: expr, title: expr}
	if lhs, th, ok := splitThreshold(expr); ok {
		spec.query = lhs
		spec.lines = []graph.Line{{Label: "Threshold " + th.label, Value: th.value}}
	}
	spec.start, spec.end = graphWindow(event.Alert.StartsAt, params.GraphDurationMinutes)
	blocks, err := drawGraph(ctx, prom, spec)
	if err != nil {
		return fmt.Errorf("graph_enricher: %w", err)
	}
	event.Execution().AddTitledEnrichment(event, "Alert Expression Graph", blocks)
	return nil
}

// alertExpression is the alert's query: its generatorURL's, else its
// alerting rule's (Alertmanagers behind a proxy often rewrite or drop the
// generatorURL, where Robusta then draws nothing).
func alertExpression(ctx context.Context, event *api.PrometheusAlertEvent, prom api.Prometheus) (string, error) {
	if q := generatorQuery(event.Alert.GeneratorURL); q != "" {
		return q, nil
	}
	rules, err := prom.Rules(ctx)
	if err != nil {
		return "", fmt.Errorf("graph_enricher: the alert's generatorURL has no query, and reading the rules failed: %w", err)
	}
	for _, r := range rules {
		if r.Type == "alerting" && r.Name == event.Alert.Name {
			return r.Query, nil
		}
	}
	return "", fmt.Errorf("graph_enricher: alert %s has no query: its generatorURL has no g0.expr and Prometheus has no alerting rule of that name", event.Alert.Name)
}

// CustomGraphEnricherParams are Robusta's CustomGraphEnricherParams.
type CustomGraphEnricherParams struct {
	api.PrometheusParams
	// PromqlQuery is the query to draw; $pod, $node, $node_internal_ip and
	// the alert's other labels are filled in.
	PromqlQuery string `json:"promql_query"`
	// GraphTitle is the graph's title; it may use $name, $namespace,
	// $node and the alert's labels. By default the query.
	GraphTitle string `json:"graph_title,omitempty"`
	// GraphDurationMinutes is how far back the graph goes.
	GraphDurationMinutes int `json:"graph_duration_minutes,omitempty" jsonschema:"default=60,minimum=1"`
	// ChartValuesFormat labels the y axis: Plain, Bytes, Percentage or CPUUsage.
	ChartValuesFormat string `json:"chart_values_format,omitempty" jsonschema:"enum=Plain,enum=Bytes,enum=Percentage,enum=CPUUsage,default=Plain"`
	// HideLegends leaves the legend out.
	HideLegends bool `json:"hide_legends,omitempty"`
}

// CustomGraphEnricher attaches a graph of any PromQL query, titled by
// graph_title.
//
//robusta:action
func CustomGraphEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params CustomGraphEnricherParams) error {
	format, err := graph.ParseFormat(params.ChartValuesFormat)
	if params.ChartValuesFormat == "" {
		format, err = graph.Plain, nil
	}
	if err != nil {
		return fmt.Errorf("custom_graph_enricher: %w", err)
	}
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	title := ""
	if params.GraphTitle != "" {
		title = tmpl.Expand(params.GraphTitle, templateLookup(event))
	}
	spec := graphSpec{query: promQuery(params.PromqlQuery, alertGraphLabels(event)), title: title, format: format, hideLegend: params.HideLegends}
	spec.start, spec.end = graphWindow(event.Alert.StartsAt, params.GraphDurationMinutes)
	blocks, err := drawGraph(ctx, prom, spec)
	if err != nil {
		return fmt.Errorf("custom_graph_enricher: %w", err)
	}
	event.Execution().AddTitledEnrichment(event, title, blocks)
	return nil
}

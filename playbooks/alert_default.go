package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/url"
	"slices"

	"github.com/robusta-go/robusta/runtime/api"
)

// DefaultEnricherParams configures DefaultEnricher, with Robusta's names
// and defaults.
type DefaultEnricherParams struct {
	// AlertAnnotationsEnrichment adds the alert's annotations as a second
	// table.
	AlertAnnotationsEnrichment bool `json:"alert_annotations_enrichment,omitempty" jsonschema:"default=false"`
	// AlertGeneratorLink adds a "View Graph" link to the alert's
	// generatorURL (Prometheus' graph of the alert's expression).
	AlertGeneratorLink bool `json:"alert_generator_link,omitempty" jsonschema:"default=true"`
}

// DefaultEnricher adds the alert's labels as the table "*Alert labels*"
// (titled "Alert labels"), a "View Graph" link to its generatorURL when
// that is an http(s) URL, and with alert_annotations_enrichment its
// annotations as "*Alert annotations*". Robusta's defaults run it last on
// every alert, so each alert that was not silenced reaches the sinks.
//
//robusta:action
func DefaultEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params DefaultEnricherParams) error {
	a := event.Alert
	if params.AlertGeneratorLink {
		if validLinkURL(a.GeneratorURL) {
			api.AddLink(event, api.Link{Name: "View Graph", URL: a.GeneratorURL})
		} else if a.GeneratorURL != "" {
			slog.Debug("default_enricher: skipping an invalid generator URL", "url", a.GeneratorURL)
		}
	}
	api.AddTitledEnrichment(event, "Alert labels", labelTable("*Alert labels*", a.Labels))
	if params.AlertAnnotationsEnrichment && len(a.Annotations) > 0 {
		api.AddTitledEnrichment(event, "Alert annotations", labelTable("*Alert annotations*", a.Annotations))
	}
	return nil
}

// labelTable is Robusta's vertical label/value table. Robusta keeps the
// webhook's key order, which a Go map does not have: keys are sorted, so
// that one alert always reads the same.
func labelTable(name string, m map[string]string) api.Table {
	rows := [][]string{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		rows = append(rows, []string{k, m[k]})
	}
	t := api.TableBlock([]string{"label", "value"}, rows)
	t.Name = name
	return t
}

// validLinkURL reports whether u can be a link in a Slack message: http or
// https with a host, as Robusta's is_valid_url.
func validLinkURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// AlertExplanationParams configures AlertExplanationEnricher.
type AlertExplanationParams struct {
	// AlertExplanation says in plain words when Prometheus fires the alert.
	AlertExplanation string `json:"alert_explanation,omitempty"`
	// RecommendedResolution says how to resolve it.
	RecommendedResolution string `json:"recommended_resolution,omitempty"`
}

// AlertExplanationEnricher adds "📘 *Alert Explanation:* ..." and
// "🛠 *Robusta's Recommendation:* ..." for the params that are set;
// nothing when neither is.
//
//robusta:action
func AlertExplanationEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params AlertExplanationParams) error {
	var blocks []api.Block
	if params.AlertExplanation != "" {
		blocks = append(blocks, api.MarkdownBlock("📘 *Alert Explanation:* "+params.AlertExplanation))
	}
	if params.RecommendedResolution != "" {
		blocks = append(blocks, api.MarkdownBlock("🛠 *Robusta's Recommendation:* "+params.RecommendedResolution))
	}
	if len(blocks) > 0 {
		event.AddEnrichment(blocks...)
	}
	return nil
}

// VideoEnricherParams configures ExternalVideoEnricher.
type VideoEnricherParams struct {
	// URL is the video's address.
	URL string `json:"url"`
	// Name is the link's text.
	Name string `json:"name,omitempty"`
}

// ExternalVideoEnricher adds a link to an external video (an explanation
// of the alert, say) to the finding. Robusta accepts any string; a URL
// that is not http(s) with a host is refused here, as a sink cannot make
// a link of it.
//
//robusta:action
func ExternalVideoEnricher(ctx context.Context, event api.ExecutionEvent, params VideoEnricherParams) error {
	if !validLinkURL(params.URL) {
		return fmt.Errorf("external_video_enricher: url %q is not an http(s) URL", params.URL)
	}
	name := params.Name
	if name == "" {
		name = params.URL
	}
	api.AddLink(event, api.Link{Name: name, URL: params.URL})
	return nil
}

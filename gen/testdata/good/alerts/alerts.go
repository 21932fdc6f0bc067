// Package alerts has actions on Prometheus alerts, with params types from
// other packages.
package alerts

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"

	"example.com/goodpb/common"
	extra "example.com/goodpb/extra/common"
)

// Params is a params type named like pods.Params and common.Params.
type Params struct {
	// Note is added to the finding.
	Note string `json:"note,omitempty"`
}

// AlertHTTPGet fetches a URL when an alert fires.
//
//robusta:action
func AlertHTTPGet(ctx context.Context, event *api.PrometheusAlertEvent, params common.Params) error {
	event.AddEnrichment(api.MarkdownBlock("GET " + params.URL))
	return nil
}

// AlertNote adds a note.
//
//robusta:action
func AlertNote(event *api.PrometheusAlertEvent, params Params) error {
	event.AddEnrichment(api.MarkdownBlock(params.Note))
	return nil
}

// AlertThreshold compares the alert with a threshold.
//
//robusta:action
func AlertThreshold(ctx context.Context, event *api.PrometheusAlertEvent, params *extra.Threshold) error {
	return nil
}

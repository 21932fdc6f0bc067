package api

import (
	"context"
	"log/slog"
	"time"
)

// Prometheus is the Prometheus server an action queries, typed: results
// come back as samples and series, never as raw HTTP. Get one with
// PrometheusFor.
type Prometheus interface {
	// Query evaluates an instant query at at (the zero time: now). A
	// scalar result is one sample without labels.
	Query(ctx context.Context, query string, at time.Time) ([]Sample, error)
	// QueryRange evaluates a range query; each series' points are in time
	// order.
	QueryRange(ctx context.Context, query string, r Range) ([]Series, error)
	// Rules lists the server's alerting and recording rules.
	Rules(ctx context.Context) ([]Rule, error)
}

// Sample is one value of an instant query.
type Sample struct {
	Labels map[string]string
	Time   time.Time
	Value  float64
}

// Series is one series of a range query.
type Series struct {
	Labels map[string]string
	Points []Point
}

// Point is one value of a series.
type Point struct {
	Time  time.Time
	Value float64
}

// Range is a range query's window and resolution.
type Range struct {
	Start, End time.Time
	Step       time.Duration
}

// Rule is one alerting or recording rule, as /api/v1/rules lists it.
type Rule struct {
	// Type is "alerting" or "recording".
	Type  string
	Group string
	// Name is the alert's name (alerting) or the recorded series (recording).
	Name  string
	Query string
	// For is how long an alerting rule's condition must hold.
	For         time.Duration
	Labels      map[string]string
	Annotations map[string]string
}

// PrometheusParams are the Prometheus settings of Robusta's
// PrometheusParams; embed it in an action's params. Each field left out is
// filled from the globalConfig key of the same name, as Robusta merges
// globalConfig into every action's params, so an action's value overrides
// the global one.
type PrometheusParams struct {
	// PrometheusURL is the Prometheus server, e.g.
	// http://prometheus-k8s.monitoring.svc.cluster.local:9090; http:// is
	// added when it has no scheme.
	PrometheusURL string `json:"prometheus_url,omitempty" jsonschema_description:"The Prometheus server, e.g. http://prometheus-k8s.monitoring.svc.cluster.local:9090 (http:// is added without a scheme). Defaults to globalConfig.prometheus_url; without one, the action reports that Prometheus is not configured."`
	// PrometheusAuth is the Authorization header sent with every query, e.g.
	// "Bearer TOKEN" or "Basic YWRtaW46cGFzc3dvcmQ=".
	PrometheusAuth string `json:"prometheus_auth,omitempty" jsonschema_description:"The Authorization header of every query, e.g. Bearer TOKEN or Basic YWRtaW46cGFzc3dvcmQ=. Defaults to globalConfig.prometheus_auth, which is only sent to globalConfig's prometheus_url."`
	// PrometheusURLQueryString is appended to every query's URL
	// ("demo-query=example-data"); a leading ? is dropped.
	PrometheusURLQueryString string `json:"prometheus_url_query_string,omitempty" jsonschema_description:"Appended to every query's URL, e.g. demo-query=example-data (a leading ? is dropped)."`
	// PrometheusAdditionalHeaders are HTTP headers added to every query.
	PrometheusAdditionalHeaders map[string]string `json:"prometheus_additional_headers,omitempty" jsonschema_description:"HTTP headers added to every query."`
	// PrometheusAdditionalLabels are label matchers added to the queries
	// of a multi-cluster Prometheus (cluster: prod), when
	// add_additional_labels is true.
	PrometheusAdditionalLabels map[string]string `json:"prometheus_additional_labels,omitempty" jsonschema_description:"Label matchers added to every selector of the queries, for a multi-cluster Prometheus (cluster: prod)."`
	// AddAdditionalLabels adds prometheus_additional_labels to queries.
	AddAdditionalLabels *bool `json:"add_additional_labels,omitempty" jsonschema:"default=true" jsonschema_description:"Whether prometheus_additional_labels are added to queries."`
}

// PrometheusConnector turns an action's Prometheus settings into a client.
// The runner's caches one client per distinct setting; apitest's answers
// from canned results.
type PrometheusConnector interface {
	// Connect returns the client for p, nil (and no error) when p names no
	// Prometheus.
	Connect(p PrometheusParams) (Prometheus, error)
}

// PrometheusNotConfiguredText is the block PrometheusFor adds when no
// Prometheus is configured: Robusta's words when it cannot reach one.
const PrometheusNotConfiguredText = "Robusta couldn't connect to the Prometheus client, check if the service is " +
	"available. If it is, please add to *globalConfig* in *generated_values.yaml* " +
	"the cluster *prometheus_url*. For example:\n" +
	"```globalConfig:\n" +
	"\tprometheus_url: http://prometheus-server.monitoring.svc.cluster.local:9090```"

// SetPrometheus gives the event's actions their Prometheus connector. The
// engine sets the runner's; a test sets apitest's before apitest.Run.
func (x *Execution) SetPrometheus(c PrometheusConnector) { x.prometheus = c }

// PrometheusFor returns the Prometheus an action with params p queries.
// When none is configured (no prometheus_url here or in globalConfig) it
// adds the "Prometheus not configured" block (to an alert's finding, or a
// finding the event already has) and returns nil and no error: the action
// then returns nil, so a missing Prometheus never fails the playbook:
//
//	prom, err := api.PrometheusFor(event, params.PrometheusParams)
//	if prom == nil || err != nil {
//		return err
//	}
//
// An error means the settings are unusable (a URL that does not parse).
func PrometheusFor(event ExecutionEvent, p PrometheusParams) (Prometheus, error) {
	var prom Prometheus
	if c := event.Execution().prometheus; c != nil {
		var err error
		if prom, err = c.Connect(p); err != nil {
			return nil, err
		}
	}
	if prom == nil {
		notConfigured(event)
		return nil, nil
	}
	return prom, nil
}

// notConfigured adds the not-configured block where Robusta shows it: to
// an alert's finding, which Robusta starts before any action runs, and to
// a finding the event already has for the running playbook's sinks. A
// change event without a finding gets none: a message on every pod update
// saying only that Prometheus is missing would be noise, so it is logged.
func notConfigured(event ExecutionEvent) {
	x := event.Execution()
	if _, alert := event.(*PrometheusAlertEvent); !alert && !x.hasCurrent() {
		slog.Warn("Prometheus is not configured: set globalConfig.prometheus_url", "playbook", x.playbook)
		return
	}
	event.AddEnrichment(MarkdownBlock(PrometheusNotConfiguredText))
}

// hasCurrent reports whether the running playbook's sinks have a finding.
func (x *Execution) hasCurrent() bool {
	if !x.enter("PrometheusFor") {
		return false
	}
	defer x.mu.Unlock()
	return x.current() != nil
}

// AdditionalLabels returns the label matchers to add to queries:
// prometheus_additional_labels unless add_additional_labels is false.
func (p PrometheusParams) AdditionalLabels() map[string]string {
	if p.AddAdditionalLabels != nil && !*p.AddAdditionalLabels {
		return nil
	}
	return p.PrometheusAdditionalLabels
}

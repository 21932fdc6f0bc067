package prom

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	promapi "github.com/prometheus/client_golang/api"
	promv1 "github.com/prometheus/client_golang/api/prometheus/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// Client is api.Prometheus on one server.
type Client struct {
	v1     promv1.API
	labels map[string]string
	logger *slog.Logger
}

var _ api.Prometheus = (*Client)(nil)

// New returns the client p configures; p must name a server.
func New(p api.PrometheusParams, logger *slog.Logger) (*Client, error) {
	addr, err := ServerURL(p.PrometheusURL)
	if err != nil {
		return nil, err
	}
	query, err := url.ParseQuery(strings.TrimPrefix(p.PrometheusURLQueryString, "?"))
	if err != nil {
		return nil, fmt.Errorf("prometheus_url_query_string %q: %w", p.PrometheusURLQueryString, err)
	}
	header := http.Header{}
	for k, v := range p.PrometheusAdditionalHeaders {
		header.Set(k, v)
	}
	if p.PrometheusAuth != "" {
		header.Set("Authorization", p.PrometheusAuth)
	}
	rt := &transport{base: http.DefaultTransport, header: header, query: query}
	c, err := promapi.NewClient(promapi.Config{Address: addr, RoundTripper: rt})
	if err != nil {
		return nil, fmt.Errorf("prometheus client for %s: %w", addr, err)
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Client{v1: promv1.NewAPI(c), labels: p.AdditionalLabels(), logger: logger.With("prometheus", addr)}, nil
}

// ServerURL is prometheus_url as Robusta reads it: http:// added when it
// has no scheme. "" is an error: there is no server to talk to.
func ServerURL(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("prometheus_url is not set")
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("prometheus_url %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("prometheus_url %q: want http(s)://host[:port][/path]", raw)
	}
	return u.String(), nil
}

// transport adds the configured headers and query string to each request.
type transport struct {
	base   http.RoundTripper
	header http.Header
	query  url.Values
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	for k, v := range t.header {
		req.Header[k] = v
	}
	if len(t.query) > 0 {
		q := req.URL.Query()
		for k, vs := range t.query {
			for _, v := range vs {
				q.Add(k, v)
			}
		}
		req.URL.RawQuery = q.Encode()
	}
	return t.base.RoundTrip(req)
}

// Query implements api.Prometheus.
func (c *Client) Query(ctx context.Context, query string, at time.Time) ([]api.Sample, error) {
	if at.IsZero() {
		at = time.Now()
	}
	query = AddLabels(query, c.labels)
	v, warnings, _, err := c.v1.Query(ctx, query, at)
	c.warn(query, warnings)
	if err != nil {
		return nil, fmt.Errorf("prometheus query %q: %w", query, err)
	}
	return samples(v)
}

// QueryRange implements api.Prometheus.
func (c *Client) QueryRange(ctx context.Context, query string, r api.Range) ([]api.Series, error) {
	query = AddLabels(query, c.labels)
	v, warnings, _, err := c.v1.QueryRange(ctx, query, promv1.Range{Start: r.Start, End: r.End, Step: r.Step})
	c.warn(query, warnings)
	if err != nil {
		return nil, fmt.Errorf("prometheus range query %q: %w", query, err)
	}
	return series(v)
}

// Rules implements api.Prometheus.
func (c *Client) Rules(ctx context.Context) ([]api.Rule, error) {
	res, err := c.v1.Rules(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("prometheus rules: %w", err)
	}
	return rules(res), nil
}

// warn logs Prometheus' warnings: the result is still good, but partial
// data (a failing remote read) is worth knowing about.
func (c *Client) warn(query string, w promv1.Warnings) {
	if len(w) > 0 {
		c.logger.Warn("prometheus query warnings", "query", query, "warnings", []string(w))
	}
}

package opsgenie

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Sink sends findings to Opsgenie. It is safe for concurrent use.
type Sink struct {
	base, cluster string
	teams, tags   []string
	defaultTeam   string
	extraLabels   bool
	api           *httpapi.Client
}

// Option changes how New builds a Sink.
type Option func(*httpapi.Client)

// WithHTTPClient sends through c.
func WithHTTPClient(c *http.Client) Option { return func(a *httpapi.Client) { a.HTTP = c } }

// WithPolicy sets the retry policy.
func WithPolicy(p retry.Policy) Option { return func(a *httpapi.Client) { a.Policy = p } }

// WithLogger logs failed attempts through l.
func WithLogger(l *slog.Logger) Option { return func(a *httpapi.Client) { a.Log = l } }

// New checks p and returns the sink.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	if p.APIKey == "" {
		return nil, fmt.Errorf("opsgenie_sink %q: api_key is required", p.Name)
	}
	base, err := httpapi.BaseURL("host", cmp.Or(p.Host, DefaultHost))
	if err != nil {
		return nil, fmt.Errorf("opsgenie_sink %q: %w", p.Name, err)
	}
	key := "GenieKey " + p.APIKey
	c := httpapi.Client{
		Sink:   fmt.Sprintf("opsgenie_sink %q", p.Name),
		Header: func(h http.Header) { h.Set("Authorization", key) },
	}
	for _, o := range opts {
		o(&c)
	}
	s := &Sink{
		base: base, cluster: g.ClusterName, teams: p.Teams, tags: p.Tags,
		defaultTeam: p.DefaultTeam, extraLabels: p.ExtraDetailsLabels, api: httpapi.New(c),
	}
	if p.DefaultTeam == "" && templated(p.Teams) {
		// Robusta's warning: such an alert reaches no team when the label is missing.
		s.api.Log.Warn("opsgenie_sink has templated teams and no default_team: a finding without the label or annotation reaches no team",
			"sink", p.Name)
	}
	return s, nil
}

func templated(vs []string) bool {
	for _, v := range vs {
		if strings.Contains(v, "$") {
			return true
		}
	}
	return false
}

// Write opens f's alert, or closes it when f is resolved.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	if resolved(f) {
		return s.api.Do(ctx, httpapi.Request{
			Op: "close alert", Method: http.MethodPost, JSON: closeBody,
			URL: s.base + "/v2/alerts/" + url.PathEscape(alias(f)) + "/close?identifierType=alias",
		})
	}
	return s.api.Do(ctx, httpapi.Request{
		Op: "create alert", Method: http.MethodPost, URL: s.base + "/v2/alerts", JSON: s.alert(f),
	})
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.HTTP.CloseIdleConnections()
	return nil
}

package pagerduty

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Sink sends findings to PagerDuty. It is safe for concurrent use.
type Sink struct {
	key, base, cluster string
	api                *httpapi.Client
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
		return nil, fmt.Errorf("pagerduty_sink %q: api_key is required", p.Name)
	}
	base, err := httpapi.BaseURL("api_url", cmp.Or(p.APIURL, DefaultAPIURL))
	if err != nil {
		return nil, fmt.Errorf("pagerduty_sink %q: %w", p.Name, err)
	}
	c := httpapi.Client{Sink: fmt.Sprintf("pagerduty_sink %q", p.Name)}
	for _, o := range opts {
		o(&c)
	}
	return &Sink{key: p.APIKey, base: base, cluster: g.ClusterName, api: httpapi.New(c)}, nil
}

// Write sends f as an alert event, or as change events when it is a
// configuration change.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	if f.Type == api.TypeConfigChange {
		var errs []error
		for _, ev := range changeEvents(f, s.key, s.cluster) {
			errs = append(errs, s.api.Do(ctx, httpapi.Request{
				Op: "change event", Method: http.MethodPost, URL: s.base + "/v2/change/enqueue", JSON: ev,
			}))
		}
		return errors.Join(errs...)
	}
	ev := alertEvent(f, s.key, s.cluster)
	return s.api.Do(ctx, httpapi.Request{
		Op: ev.EventAction + " event", Method: http.MethodPost, URL: s.base + "/v2/enqueue", JSON: ev,
	})
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.HTTP.CloseIdleConnections()
	return nil
}

package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Defaults of the params and the client.
const (
	DefaultSizeLimit = 4096
	DefaultTimeout   = httpapi.DefaultTimeout
)

// Body formats.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// Params configures webhook_sink.
type Params struct {
	sink.Common
	URL           string `json:"url" jsonschema:"format=uri,minLength=1" jsonschema_description:"The URL findings are POSTed to."`
	Authorization string `json:"authorization,omitempty" jsonschema_description:"Sent verbatim as the Authorization header, e.g. Bearer {{ env.WEBHOOK_TOKEN }}."`
	SizeLimit     int    `json:"size_limit,omitempty" jsonschema:"minimum=1,default=4096" jsonschema_description:"The longest body sent, in bytes. Text is cut at a line break; JSON drops or cuts enrichment blocks and stays valid."`
	Format        string `json:"format,omitempty" jsonschema:"enum=text,enum=json,default=text" jsonschema_description:"text: a readable plain-text message; json: the finding as file_sink writes it."`
}

// Type is webhook_sink.
var Type = sink.Type{
	Key:    "webhook_sink",
	Doc:    "POSTs each finding to a URL, as plain text or JSON, retrying failures.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading webhook_sink params: %w", err)
		}
		return New(p, g)
	},
}

// Option configures a Sink beyond its params.
type Option func(*Sink)

// WithClient sends through c instead of a client of the sink's own.
func WithClient(c *http.Client) Option { return func(s *Sink) { s.api.HTTP = c } }

// WithPolicy sets the retry policy (the zero Policy's defaults otherwise).
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.api.Policy = p } }

// Sink POSTs findings to a webhook. It is safe for concurrent use.
type Sink struct {
	name    string
	target  httpapi.Target
	format  string
	limit   int
	cluster string
	api     httpapi.Client
	client  *http.Client // api's, closed by Close
}

// New checks p and returns the sink.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	t, err := httpapi.ParseTarget("url", p.URL)
	if err != nil {
		return nil, fmt.Errorf("webhook_sink %s: %w", p.Name, err)
	}
	if err := sink.CheckHeader("authorization", p.Authorization); err != nil {
		return nil, fmt.Errorf("webhook_sink %s: %w", p.Name, err)
	}
	s := &Sink{name: p.Name, target: t, format: p.Format, limit: p.SizeLimit, cluster: g.ClusterName}
	if auth := p.Authorization; auth != "" {
		s.api.Header = func(h http.Header) { h.Set("Authorization", auth) }
	}
	switch {
	case s.format == "":
		s.format = FormatText
	case s.format != FormatText && s.format != FormatJSON:
		return nil, fmt.Errorf("webhook_sink %s: format %q is neither text nor json", p.Name, p.Format)
	}
	switch {
	case s.limit == 0:
		s.limit = DefaultSizeLimit
	case s.limit < 0:
		return nil, fmt.Errorf("webhook_sink %s: size_limit %d is negative", p.Name, p.SizeLimit)
	}
	for _, o := range opts {
		o(s)
	}
	s.api = *httpapi.New(s.api)
	s.client = s.api.HTTP
	s.api.Log = s.api.Log.With("sink", p.Name, "sink_type", "webhook_sink")
	return s, nil
}

// Write renders f and POSTs it, retrying as the policy allows.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	body, contentType, err := s.encode(f)
	if err == nil {
		_, err = s.api.Post(ctx, s.target, contentType, body)
	}
	if err != nil {
		return fmt.Errorf("webhook_sink %s: %w", s.name, err)
	}
	return nil
}

func (s *Sink) encode(f *api.Finding) ([]byte, string, error) {
	if s.format == FormatJSON {
		b, err := fitJSON(f, s.limit)
		return b, "application/json", err
	}
	return []byte(truncateText(renderText(f, s.cluster), s.limit)), "text/plain; charset=utf-8", nil
}

// Close releases the sink's idle connections.
func (s *Sink) Close(context.Context) error {
	s.client.CloseIdleConnections()
	return nil
}

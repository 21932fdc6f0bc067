package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Defaults of the params and the client.
const (
	DefaultSizeLimit = 4096
	DefaultTimeout   = 30 * time.Second
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
func WithClient(c *http.Client) Option { return func(s *Sink) { s.client = c } }

// WithPolicy sets the retry policy (the zero Policy's defaults otherwise).
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.policy = p } }

// Sink POSTs findings to a webhook. It is safe for concurrent use.
type Sink struct {
	name, url, safeURL, auth string
	format                   string
	limit                    int
	cluster                  string
	client                   *http.Client
	policy                   retry.Policy
}

// New checks p and returns the sink.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	u, err := url.Parse(p.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("webhook_sink %s: url must be an absolute http or https URL", p.Name)
	}
	if err := sink.CheckHeader("authorization", p.Authorization); err != nil {
		return nil, fmt.Errorf("webhook_sink %s: %w", p.Name, err)
	}
	s := &Sink{
		name: p.Name, url: p.URL, safeURL: u.Scheme + "://" + u.Host, auth: p.Authorization,
		format: p.Format, limit: p.SizeLimit, cluster: g.ClusterName,
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		s.safeURL += "/…"
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
	if s.client == nil {
		s.client = &http.Client{Timeout: DefaultTimeout, Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	s.policy = s.policy.WithDefaults()
	return s, nil
}

// Write renders f and POSTs it, retrying as the policy allows.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	body, contentType, err := s.encode(f)
	if err != nil {
		return fmt.Errorf("webhook_sink %s: %w", s.name, err)
	}
	err = retry.Do(ctx, s.policy, func(ctx context.Context) error { return s.post(ctx, body, contentType) })
	if err != nil {
		return fmt.Errorf("webhook_sink %s: POST %s: %w", s.name, s.safeURL, err)
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

// post makes one attempt.
func (s *Sink) post(ctx context.Context, body []byte, contentType string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return retry.Permanent(errors.New("building the request failed")) // the error would quote the URL
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", "robusta-go")
	if s.auth != "" {
		req.Header.Set("Authorization", s.auth)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) { // it quotes the whole URL
			err = &url.Error{Op: ue.Op, URL: s.safeURL, Err: ue.Err}
		}
		return err
	}
	defer resp.Body.Close()
	err = retry.CheckResponse(resp, s.policy.Clock.Now())
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	return err
}

// Close releases the sink's idle connections.
func (s *Sink) Close(context.Context) error {
	s.client.CloseIdleConnections()
	return nil
}

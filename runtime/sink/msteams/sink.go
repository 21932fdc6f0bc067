package msteams

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

var (
	bareOverride      = regexp.MustCompile(`^annotations\.[^$]+$`)
	compositeOverride = regexp.MustCompile(`\$\{?annotations\.`)
)

// Option configures a Sink beyond its params.
type Option func(*Sink)

// WithClient sends through c.
func WithClient(c *http.Client) Option { return func(s *Sink) { s.api.HTTP = c } }

// WithPolicy sets the retry policy.
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.api.Policy = p } }

// WithLogger logs through l instead of slog.Default().
func WithLogger(l *slog.Logger) Option { return func(s *Sink) { s.log = l } }

// Sink posts findings to a Teams webhook. It is safe for concurrent use.
type Sink struct {
	name, cluster string
	target        httpapi.Target
	override      string // a tmpl template, or ""
	sendFiles     bool
	api           httpapi.Client
	log           *slog.Logger
}

// New checks p and returns the sink.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	t, err := httpapi.ParseTarget("webhook_url", p.WebhookURL)
	if err != nil {
		return nil, fmt.Errorf("ms_teams_sink %s: %w", p.Name, err)
	}
	s := &Sink{name: p.Name, cluster: g.ClusterName, target: t, sendFiles: p.SendFiles == nil || *p.SendFiles, log: slog.Default()}
	switch o := p.WebhookOverride; {
	case o == "":
	case bareOverride.MatchString(o):
		s.override = "${" + o + "}"
	case compositeOverride.MatchString(o):
		s.override = o
	default:
		return nil, fmt.Errorf("ms_teams_sink %s: webhook_override must be annotations.<key> or contain $annotations.<key>", p.Name)
	}
	for _, o := range opts {
		o(s)
	}
	if s.api.HTTP == nil {
		s.api.HTTP = httpapi.NewHTTPClient()
	}
	s.api.Policy = s.api.Policy.WithDefaults()
	s.api.Check = check
	s.log = s.log.With("sink", p.Name, "sink_type", "ms_teams_sink")
	s.api.Log = s.log
	return s, nil
}

// Write posts f's cards in order, stopping at the first that fails.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	body, skipped := render(f, s.cluster, s.sendFiles)
	if len(skipped) > 0 {
		s.log.DebugContext(ctx, "ms_teams_sink skips blocks it cannot show", "types", skipped)
	}
	cards, err := pack(body, title(f))
	if err != nil {
		return fmt.Errorf("ms_teams_sink %s: %w", s.name, err)
	}
	target := s.targetFor(f)
	for i, c := range cards {
		if _, err := s.api.Post(ctx, target, "application/json", c); err != nil {
			return fmt.Errorf("ms_teams_sink %s: card %d of %d: %w", s.name, i+1, len(cards), err)
		}
	}
	return nil
}

// targetFor is webhook_override expanded from f's annotations when that
// gives an http(s) URL, else webhook_url.
func (s *Sink) targetFor(f *api.Finding) httpapi.Target {
	if s.override == "" {
		return s.target
	}
	u := strings.TrimSpace(tmpl.Expand(s.override, func(key string) (string, bool) {
		name, ok := strings.CutPrefix(key, "annotations.")
		if !ok {
			return "", false
		}
		v, ok := f.Subject.Annotations[name]
		return v, ok
	}))
	if strings.Contains(u, tmpl.Missing) {
		return s.target
	}
	t, err := httpapi.ParseTarget("webhook_override", u)
	if err != nil {
		return s.target
	}
	return t
}

// check is httpapi.CheckResponse, and for a 2xx the error the old
// connectors put in a 200's body.
func check(resp *http.Response, now time.Time) error {
	err := httpapi.CheckResponse(resp, now)
	if err != nil || resp.StatusCode != http.StatusOK {
		return err
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	text := strings.Join(strings.Fields(string(body)), " ")
	switch {
	case !strings.Contains(strings.ToLower(text), "error"):
		return nil
	case strings.Contains(text, "HTTP error 429"):
		return fmt.Errorf("Teams answered 200 with a rate limit: %s", truncate(text, 256))
	}
	return retry.Permanent(fmt.Errorf("Teams answered 200 with an error: %s", truncate(text, 256)))
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.HTTP.CloseIdleConnections()
	return nil
}

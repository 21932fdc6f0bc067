package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"sync"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Option configures a Sink beyond its params.
type Option func(*Sink)

// WithClient sends through c.
func WithClient(c *http.Client) Option { return func(s *Sink) { s.api.HTTP = c } }

// WithPolicy sets the retry policy; its Clock also paces the messages.
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.api.Policy = p } }

// WithLogger logs through l instead of slog.Default().
func WithLogger(l *slog.Logger) Option { return func(s *Sink) { s.log = l } }

// Sink posts findings to a Discord webhook. It is safe for concurrent use.
type Sink struct {
	name, cluster string
	target        httpapi.Target
	api           httpapi.Client
	log           *slog.Logger

	mu       sync.Mutex
	mustWait time.Time  // Discord said the bucket is empty until then
	sequence sync.Mutex // one finding's messages at a time, so they do not interleave
}

// New checks p and returns the sink.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	t, err := httpapi.ParseTarget("url", p.URL)
	if err != nil {
		return nil, fmt.Errorf("discord_sink %s: %w", p.Name, err)
	}
	s := &Sink{name: p.Name, cluster: g.ClusterName, target: t, log: slog.Default()}
	s.api.Check = httpapi.CheckResponse
	for _, o := range opts {
		o(s)
	}
	if s.api.HTTP == nil {
		s.api.HTTP = httpapi.NewHTTPClient()
	}
	s.api.Policy = s.api.Policy.WithDefaults()
	s.log = s.log.With("sink", p.Name, "sink_type", "discord_sink")
	s.api.Log = s.log
	return s, nil
}

// Write renders f and posts its messages in order; it stops at the first
// that fails, since Discord would show the rest out of order.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	msgs, skipped := render(f, s.cluster)
	if len(skipped) > 0 {
		s.log.DebugContext(ctx, "discord_sink skips blocks it cannot show", "types", skipped)
	}
	s.sequence.Lock()
	defer s.sequence.Unlock()
	for i, m := range msgs {
		if err := s.post(ctx, m); err != nil {
			return fmt.Errorf("discord_sink %s: message %d of %d: %w", s.name, i+1, len(msgs), err)
		}
	}
	return nil
}

// post sends one message, as JSON or, with files, as multipart.
func (s *Sink) post(ctx context.Context, m message) error {
	body, ctype, err := encode(m)
	if err != nil {
		return err
	}
	if err := s.pace(ctx); err != nil {
		return err
	}
	p := s.api
	p.Check = func(resp *http.Response, now time.Time) error {
		s.noteBucket(resp, now)
		return httpapi.CheckResponse(resp, now)
	}
	_, err = p.Post(ctx, s.target, ctype, body)
	return err
}

func encode(m message) (body []byte, contentType string, err error) {
	payload, err := marshal(m)
	if err != nil {
		return nil, "", err
	}
	if len(m.files) == 0 {
		return payload, "application/json", nil
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="payload_json"`)
	h.Set("Content-Type", "application/json")
	pw, _ := w.CreatePart(h)
	pw.Write(payload)
	for i, f := range m.files {
		fw, err := w.CreateFormFile(fmt.Sprintf("files[%d]", i), f.name)
		if err != nil {
			return nil, "", fmt.Errorf("encoding file %s: %w", f.name, err)
		}
		fw.Write(f.data)
	}
	if err := w.Close(); err != nil {
		return nil, "", fmt.Errorf("encoding the message: %w", err)
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// pace waits until the rate-limit bucket Discord last reported empty has
// refilled.
func (s *Sink) pace(ctx context.Context) error {
	clock := s.api.Policy.Clock
	s.mu.Lock()
	wait := s.mustWait.Sub(clock.Now())
	s.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	s.log.DebugContext(ctx, "discord rate limit bucket empty, waiting", "wait", wait.String())
	return clock.Sleep(ctx, min(wait, httpapi.MaxRetryAfter))
}

// noteBucket remembers an empty bucket: X-RateLimit-Remaining: 0 with
// X-RateLimit-Reset-After in seconds.
func (s *Sink) noteBucket(resp *http.Response, now time.Time) {
	if resp.StatusCode/100 != 2 || strings.TrimSpace(resp.Header.Get("X-RateLimit-Remaining")) != "0" {
		return
	}
	if d, ok := httpapi.Seconds(resp.Header.Get("X-RateLimit-Reset-After")); ok {
		s.mu.Lock()
		s.mustWait = now.Add(d)
		s.mu.Unlock()
	}
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.HTTP.CloseIdleConnections()
	return nil
}

// marshal writes m as Discord reads it, < and > unescaped (readable, and
// shorter than \u003c).
func marshal(m message) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encoding the message: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

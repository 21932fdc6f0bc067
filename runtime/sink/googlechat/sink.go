package googlechat

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

const (
	// spacing is Chat's one message per second per space.
	spacing = time.Second
)

// Option configures a Sink beyond its params.
type Option func(*Sink)

// WithClient sends through c.
func WithClient(c *http.Client) Option { return func(s *Sink) { s.api.HTTP = c } }

// WithPolicy sets the retry policy; its Clock also spaces the messages.
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.api.Policy = p } }

// WithLogger logs through l instead of slog.Default().
func WithLogger(l *slog.Logger) Option { return func(s *Sink) { s.log = l } }

// Sink posts findings to a Google Chat webhook. It is safe for concurrent
// use; its messages go out one at a time, a second apart.
type Sink struct {
	name, cluster string
	target        httpapi.Target
	api           httpapi.Client
	log           *slog.Logger

	mu   sync.Mutex // held while sending: spacing, and a finding's messages in order
	last time.Time  // when the last message was sent
}

// New checks p and returns the sink.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	t, err := httpapi.ParseTarget("webhook_url", p.WebhookURL)
	if err != nil {
		return nil, fmt.Errorf("google_chat_sink %s: %w", p.Name, err)
	}
	s := &Sink{name: p.Name, cluster: g.ClusterName, target: t.WithQuery("messageReplyOption", "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"), log: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	if s.api.HTTP == nil {
		s.api.HTTP = httpapi.NewHTTPClient()
	}
	s.api.Policy = s.api.Policy.WithDefaults()
	s.log = s.log.With("sink", p.Name, "sink_type", "google_chat_sink")
	s.api.Log = s.log
	return s, nil
}

// Write posts f's messages in order in f's thread, stopping at the first
// that fails.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	h, sections, skipped := render(f, s.cluster)
	if len(skipped) > 0 {
		s.log.DebugContext(ctx, "google_chat_sink skips blocks it cannot show", "types", skipped)
	}
	msgs, err := pack(h, sections, threadKey(f))
	if err != nil {
		return fmt.Errorf("google_chat_sink %s: %w", s.name, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	clock := s.api.Policy.Clock
	for i, m := range msgs {
		if !s.last.IsZero() {
			if wait := s.last.Add(spacing).Sub(clock.Now()); wait > 0 {
				if err := clock.Sleep(ctx, wait); err != nil {
					return fmt.Errorf("google_chat_sink %s: message %d of %d: %w", s.name, i+1, len(msgs), err)
				}
			}
		}
		_, err := s.api.Post(ctx, s.target, "application/json; charset=UTF-8", m)
		s.last = clock.Now()
		if err != nil {
			return fmt.Errorf("google_chat_sink %s: message %d of %d: %w", s.name, i+1, len(msgs), err)
		}
	}
	return nil
}

// threadKey threads a finding with its repeats and its resolution: the
// fingerprint, else a hash of what identifies this one finding.
func threadKey(f *api.Finding) string {
	if f.Fingerprint != "" {
		return "robusta-" + f.Fingerprint
	}
	h := sha256.Sum256([]byte(f.Title + "\x00" + f.StartsAt.String()))
	return "robusta-" + hex.EncodeToString(h[:12])
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.HTTP.CloseIdleConnections()
	return nil
}

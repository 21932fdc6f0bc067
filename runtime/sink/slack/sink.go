package slack

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Sink posts findings to Slack. It is safe for concurrent use.
type Sink struct {
	name         string
	channel      string
	override     string // a tmpl template, or ""
	cluster      string
	maxFileBytes int
	client       *slack.Client
	http         *http.Client
	log          *slog.Logger
	policy       retry.Policy // every call's retries; its Clock paces too
	pace         *pacer
}

// Option changes how New builds a Sink.
type Option func(*options)

type options struct {
	log   *slog.Logger
	http  *http.Client
	clock retry.Clock
}

// WithLogger logs through l instead of slog.Default().
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithHTTPClient sends Slack requests through c.
func WithHTTPClient(c *http.Client) Option { return func(o *options) { o.http = c } }

// withClock replaces the real clock (tests: retrytest.Clock).
func withClock(c retry.Clock) Option { return func(o *options) { o.clock = c } }

// New builds a slack_sink from its params.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	o := options{log: slog.Default(), http: &http.Client{Timeout: requestTimeout}, clock: retry.SystemClock{}}
	for _, opt := range opts {
		opt(&o)
	}
	if p.SlackChannel == "" || p.APIKey == "" {
		return nil, errors.New("slack_sink: slack_channel and api_key are required")
	}
	// The token goes out as "Authorization: Bearer <api_key>".
	if err := sink.CheckHeader("api_key", p.APIKey); err != nil {
		return nil, fmt.Errorf("slack_sink %s: %w", p.Name, err)
	}
	override, err := parseOverride(p.ChannelOverride)
	if err != nil {
		return nil, fmt.Errorf("slack_sink %q: %w", p.Name, err)
	}
	apiURL := cmp.Or(p.APIURL, DefaultAPIURL)
	if u, err := url.Parse(apiURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("slack_sink %q: api_url %q is not an http(s) URL", p.Name, apiURL)
	}
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	if p.MaxLogFileLimitKB < 0 {
		return nil, fmt.Errorf("slack_sink %q: max_log_file_limit_kb must be positive", p.Name)
	}
	return &Sink{
		name:         p.Name,
		channel:      p.SlackChannel,
		override:     override,
		cluster:      g.ClusterName,
		maxFileBytes: cmp.Or(p.MaxLogFileLimitKB, DefaultMaxLogFileLimit) * 1000,
		client:       slack.New(p.APIKey, slack.OptionAPIURL(apiURL), slack.OptionHTTPClient(o.http)),
		http:         o.http,
		log:          o.log.With("sink", p.Name, "sink_type", "slack_sink"),
		policy:       newPolicy(o.clock),
		pace:         newPacer(o.clock),
	}, nil
}

// Write posts f: the first message, its continuations in the thread, then
// the files in the thread. A failure of the first message is returned at
// once; later failures are collected, and the rest is still attempted.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	return s.write(ctx, s.channelFor(f), "", "", f)
}

// write posts f into channel, in the thread of threadTS (whose channel
// has channelID) when set, else as a new message that its continuations
// and files follow in the thread of.
func (s *Sink) write(ctx context.Context, channel, channelID, threadTS string, f *api.Finding) error {
	r := render(f, s.cluster)
	if len(r.skipped) > 0 {
		s.log.DebugContext(ctx, "slack_sink skips blocks it cannot show", "channel", channel, "types", r.skipped)
	}
	var (
		ts   = threadTS
		errs []error
	)
	for i, m := range r.messages() {
		id, mts, err := s.post(ctx, channel, ts, m)
		switch {
		case err != nil && i == 0:
			return err
		case err != nil:
			errs = append(errs, err)
		case i == 0 && threadTS == "":
			channelID, ts = id, mts
		}
		if ctx.Err() != nil {
			return errors.Join(append(errs, ctx.Err())...)
		}
	}
	for _, u := range r.files {
		if err := s.uploadFile(ctx, channel, channelID, ts, u); err != nil {
			errs = append(errs, err)
		}
		if ctx.Err() != nil {
			return errors.Join(append(errs, ctx.Err())...)
		}
	}
	return errors.Join(errs...)
}

// post sends one message, in the thread of threadTS when it is set, and
// returns the channel's ID and the message's timestamp.
func (s *Sink) post(ctx context.Context, channel, threadTS string, m message) (id, ts string, err error) {
	opts := []slack.MsgOption{
		slack.MsgOptionText(m.text, false),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if len(m.blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(m.blocks...))
	}
	if len(m.body) > 0 {
		opts = append(opts, slack.MsgOptionAttachments(slack.Attachment{Color: m.color, Blocks: slack.Blocks{BlockSet: m.body}}))
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	err = s.do(ctx, call{method: "chat.postMessage", channel: channel, paced: true}, func(ctx context.Context) (err error) {
		id, ts, err = s.client.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return id, ts, err
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.http.CloseIdleConnections()
	return nil
}

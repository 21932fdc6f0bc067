package slack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"time"

	"github.com/slack-go/slack"
)

// Retry policy: at most maxAttempts calls per Slack method call; 429s wait
// for Retry-After, 5xx and connection errors back off exponentially from
// backoffBase to backoffCap. Every wait also ends with ctx.
const (
	maxAttempts   = 5
	backoffBase   = time.Second
	backoffCap    = 30 * time.Second
	minRetryAfter = time.Second // a 429 without a usable Retry-After
)

// retryableCodes are Slack error codes (HTTP 200, ok=false) that a later
// attempt can fix; every other code (channel_not_found, not_in_channel,
// invalid_auth, restricted_action, invalid_blocks...) is permanent.
var retryableCodes = []string{"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}

// call names one Slack method call for pacing and logs.
type call struct {
	method  string // "chat.postMessage", ...
	channel string // the channel the finding goes to
	paced   bool   // posts into the channel: wait for its pacer
}

// do runs fn until it succeeds, fails permanently, runs out of attempts or
// ctx ends. Each failure is logged with the sink, channel, method and
// Slack's error code; the last one is returned, wrapped.
func (s *Sink) do(ctx context.Context, c call, fn func(context.Context) error) error {
	for attempt := 1; ; attempt++ {
		err := s.attempt(ctx, c, fn)
		if err == nil {
			return nil
		}
		wait, retry := classify(err, attempt)
		if ctx.Err() != nil {
			retry = false
		}
		attrs := []any{"channel", c.channel, "method", c.method, "code", errorCode(err), "attempt", attempt, "error", err}
		if !retry || attempt == maxAttempts {
			s.log.ErrorContext(ctx, "slack delivery failed", attrs...)
			return fmt.Errorf("slack_sink %q: %s to channel %q failed after %d attempt(s): %w", s.name, c.method, c.channel, attempt, err)
		}
		s.log.WarnContext(ctx, "slack call failed, retrying", append(attrs, "wait", wait.String())...)
		if rl := (*slack.RateLimitedError)(nil); errors.As(err, &rl) {
			s.pace.holdUntil(c.channel, s.clock.Now().Add(wait))
		}
		if werr := s.clock.Sleep(ctx, wait); werr != nil {
			s.log.ErrorContext(ctx, "slack delivery abandoned while waiting to retry", append(attrs, "reason", werr)...)
			return fmt.Errorf("slack_sink %q: %s to channel %q abandoned after %d attempt(s) (last: %v): %w", s.name, c.method, c.channel, attempt, err, werr)
		}
	}
}

func (s *Sink) attempt(ctx context.Context, c call, fn func(context.Context) error) error {
	if c.paced {
		if err := s.pace.wait(ctx, c.channel); err != nil {
			return err
		}
	}
	return fn(ctx)
}

// classify says whether err is worth another attempt (attempt is the
// number of the one that failed) and how long to wait before it.
func classify(err error, attempt int) (time.Duration, bool) {
	var (
		rl *slack.RateLimitedError
		sc slack.StatusCodeError
		se slack.SlackErrorResponse
		ue *url.Error
		ne net.Error
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return 0, false
	case errors.As(err, &rl):
		return max(rl.RetryAfter, minRetryAfter), true
	case errors.As(err, &sc):
		if sc.Code == 429 {
			return max(backoff(attempt), minRetryAfter), true
		}
		return backoff(attempt), sc.Code >= 500
	case errors.As(err, &se):
		return backoff(attempt), slices.Contains(retryableCodes, se.Err)
	case errors.As(err, &ue), errors.As(err, &ne), errors.Is(err, io.ErrUnexpectedEOF):
		return backoff(attempt), true // connection refused, reset, cut short
	}
	return 0, false
}

// backoff is backoffBase doubled per failed attempt, capped at backoffCap.
// There is no jitter: the pacer already spreads one sink's calls, and a
// deterministic schedule keeps the tests exact.
func backoff(attempt int) time.Duration {
	d := backoffBase
	for i := 1; i < attempt && d < backoffCap; i++ {
		d *= 2
	}
	return min(d, backoffCap)
}

// errorCode is Slack's error code for err ("channel_not_found"), or a
// stand-in for failures that have none ("http_503", "connection").
func errorCode(err error) string {
	var (
		rl *slack.RateLimitedError
		sc slack.StatusCodeError
		se slack.SlackErrorResponse
		ue *url.Error
	)
	switch {
	case errors.As(err, &se):
		return se.Err
	case errors.As(err, &rl):
		return "ratelimited"
	case errors.As(err, &sc):
		return fmt.Sprintf("http_%d", sc.Code)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "context_done"
	case errors.As(err, &ue):
		return "connection"
	}
	return "unknown"
}

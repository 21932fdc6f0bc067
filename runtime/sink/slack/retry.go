package slack

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"time"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Retry policy: at most maxAttempts calls per Slack method call; 429s wait
// for Retry-After, 5xx and connection errors back off exponentially from
// backoffBase to backoffCap. There is no jitter: the pacer already spreads
// one sink's calls, and a deterministic schedule keeps the tests exact.
// Every wait also ends with ctx.
const (
	maxAttempts   = 5
	backoffBase   = time.Second
	backoffCap    = 30 * time.Second
	minRetryAfter = time.Second // a 429 without a usable Retry-After
	// maxRetryAfter caps a 429's Retry-After: a wrong or hostile answer
	// (Retry-After: 86400) must not park the sink's goroutine, and with it
	// every finding queued behind, for a day. Retrying sooner at worst earns
	// another 429, which the attempts bound.
	maxRetryAfter = time.Minute
	// callTotal bounds the time one Slack call (one message, one upload
	// step) spends in retries, waits included.
	callTotal = 3 * time.Minute
)

// newPolicy is the retry policy of a sink on clock: the attempts, callTotal
// and ctx bound a call.
func newPolicy(clock retry.Clock) retry.Policy {
	return retry.Policy{
		Attempts: maxAttempts,
		Initial:  backoffBase,
		Max:      backoffCap,
		Total:    callTotal,
		Clock:    clock,
		NoJitter: true,
	}.WithDefaults()
}

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

// do runs fn through retry.Do until it succeeds, fails permanently, runs
// out of attempts or ctx ends. Each failure is logged with the sink,
// channel, method and Slack's error code; the last one is returned,
// wrapped. A 429 holds the channel for every writer until its Retry-After.
func (s *Sink) do(ctx context.Context, c call, fn func(context.Context) error) error {
	var (
		attempt int   // attempts made
		last    error // the last attempt's error
		waiting bool  // retry.Do is waiting to retry
	)
	attrs := func(err error, n int) []any {
		return []any{"channel", c.channel, "method", c.method, "code", errorCode(err), "attempt", n, "error", err}
	}
	p := s.policy
	p.OnRetry = func(n int, _ error, wait time.Duration) { // _ is last, marked by classify
		waiting = true
		s.log.WarnContext(ctx, "slack call failed, retrying", append(attrs(last, n), "wait", wait.String())...)
		if rl := (*slack.RateLimitedError)(nil); errors.As(last, &rl) {
			s.pace.holdUntil(c.channel, p.Clock.Now().Add(wait))
		}
	}
	err := retry.Do(ctx, p, func(ctx context.Context) error {
		attempt, waiting = attempt+1, false
		last = s.attempt(ctx, c, fn)
		return classify(last)
	})
	switch {
	case err == nil:
		return nil
	case last == nil: // ctx was done before the first attempt
		last = err
	case waiting: // ctx ended the wait
		reason := cmp.Or(ctx.Err(), err)
		s.log.ErrorContext(ctx, "slack delivery abandoned while waiting to retry", append(attrs(last, attempt), "reason", reason)...)
		return fmt.Errorf("slack_sink %q: %s to channel %q abandoned after %d attempt(s) (last: %v): %w", s.name, c.method, c.channel, attempt, last, reason)
	}
	s.log.ErrorContext(ctx, "slack delivery failed", attrs(last, attempt)...)
	return fmt.Errorf("slack_sink %q: %s to channel %q failed after %d attempt(s): %w", s.name, c.method, c.channel, attempt, last)
}

func (s *Sink) attempt(ctx context.Context, c call, fn func(context.Context) error) error {
	if c.paced {
		if err := s.pace.wait(ctx, c.channel); err != nil {
			return err
		}
	}
	return fn(ctx)
}

// classify marks err for retry.Do: a 429 with its Retry-After (at least
// minRetryAfter); 5xx, Slack's transient codes and connection errors as
// retryable, to back off; everything else, context errors included, as
// permanent.
func classify(err error) error {
	var (
		rl *slack.RateLimitedError
		sc slack.StatusCodeError
		se slack.SlackErrorResponse
		ue *url.Error
		ne net.Error
	)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return retry.Permanent(err)
	case errors.As(err, &rl):
		return retry.After(err, min(max(rl.RetryAfter, minRetryAfter), maxRetryAfter))
	case errors.As(err, &sc):
		// A 429 without Retry-After backs off: at least backoffBase, which is
		// not less than minRetryAfter.
		if sc.Code == 429 || sc.Code >= 500 {
			return err
		}
	case errors.As(err, &se):
		if slices.Contains(retryableCodes, se.Err) {
			return err
		}
	case errors.As(err, &ue), errors.As(err, &ne), errors.Is(err, io.ErrUnexpectedEOF):
		return err // connection refused, reset, cut short
	}
	return retry.Permanent(err)
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

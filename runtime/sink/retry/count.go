package retry

import (
	"context"
	"errors"
	"net"
	"net/url"
)

// Reasons a failure is retried, as Reason gives them: the label values of
// the runner's robusta_sink_retries_total.
const (
	// ReasonRateLimited: the service asked to wait (a 429, or an error a
	// sink marked After, such as Slack's "ratelimited" in a 200 body).
	ReasonRateLimited = "rate_limited"
	// ReasonServerError: the service answered with a failure (a 5xx, a 408,
	// or an error the sink read from the answer's body).
	ReasonServerError = "server_error"
	// ReasonNetwork: no answer (refused or reset connection, DNS, timeout).
	ReasonNetwork = "network"
)

// Reason says why err is worth retrying, by what the service answered:
// the status code first (a 429 is rate_limited, a 5xx or 408 server_error,
// with or without Retry-After), else an After mark (rate_limited), else a
// network error (network); any other retryable error is one a sink read
// from an answer, so server_error. A status code is found on a
// *StatusError or on any error in the chain with an HTTPStatusCode() int
// method (as slack-go's StatusCodeError has).
func Reason(err error) string {
	if code, ok := statusCode(err); ok {
		switch {
		case code == 429:
			return ReasonRateLimited
		case code >= 500 || code == 408:
			return ReasonServerError
		}
	}
	if _, ok := RetryAfter(err); ok {
		return ReasonRateLimited
	}
	var ne net.Error
	var ue *url.Error
	if errors.As(err, &ne) || errors.As(err, &ue) {
		return ReasonNetwork
	}
	return ReasonServerError
}

func statusCode(err error) (int, bool) {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code, true
	}
	var hc interface{ HTTPStatusCode() int }
	if errors.As(err, &hc) {
		return hc.HTTPStatusCode(), true
	}
	return 0, false
}

// Counter hears of each retry Do is about to make, with its Reason. The
// runner counts them per sink into robusta_sink_retries_total.
type Counter func(reason string)

type counterKey struct{}

// WithCounter returns ctx carrying c: every Do under it reports its retries
// to c. The engine sets one on each sink's Write and Close, so a sink that
// passes its context down to Do is counted without code of its own; the
// context, not the Policy, carries it because a sink builds its policies
// itself and the runner names the sink.
func WithCounter(ctx context.Context, c Counter) context.Context {
	return context.WithValue(ctx, counterKey{}, c)
}

func counterFrom(ctx context.Context) Counter {
	c, _ := ctx.Value(counterKey{}).(Counter)
	return c
}

// Package retry delivers over an unreliable network: it calls an operation
// until it succeeds, fails for good, or runs out of attempts or time.
//
// # Classifying failures
//
// The operation says what its error means:
//
//   - a plain error is retryable (a 5xx, a refused or reset connection, a
//     timeout): Do waits a backoff and tries again;
//   - Permanent(err) is not worth retrying (a 4xx other than 408 and 429: the
//     same request gets the same answer): Do returns it at once;
//   - After(err, d) is retryable no sooner than d (a 429 or 503 with
//     Retry-After): Do waits exactly d instead of its own backoff.
//
// CheckResponse turns an *http.Response into such an error, so an HTTP sink
// needs only: build the request, send it, return CheckResponse.
//
// # Waiting
//
// Backoffs grow exponentially from Policy.Initial, capped at Policy.Max,
// with "equal jitter": a wait for backoff b lasts between b/2 and b, so
// senders that failed together spread out but never hammer at once
// (Policy.NoJitter turns it off, for callers spread otherwise that want an
// exact schedule). Attempts are bounded (Policy.Attempts) and so is the
// time from the first attempt to the last (Policy.Total): Do does not start
// a wait that would end past it, and returns instead. A Retry-After is honoured as given, not
// capped by Max (waiting less earns another 429), but still bounded by Total.
//
// Policy.OnRetry, when set, hears of each failure that will be retried and
// of the wait before it, so that a caller can log it or hold other senders
// back. Every wait goes through a Clock, so tests substitute retrytest.Clock
// and never sleep; every wait also ends when the context does, and Do
// returns an error that wraps both the context's error and the last failure.
//
// # Counting
//
// WithCounter puts a Counter in the context; Do reports to it each retry it
// is about to make, with its Reason (rate_limited, server_error, network).
// The engine sets one per sink, so every sink that passes its Write's
// context to Do shows up in robusta_sink_retries_total{sink, reason}.
//
// Nothing here is global: a Policy is a value, and its zero value is usable.
package retry

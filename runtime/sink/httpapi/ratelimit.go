package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// MaxRetryAfter caps a service's wait: a broken or hostile answer
// (Retry-After: 86400, a Telegram flood wait of hours) must not park the
// sink's queue for a day. Retrying sooner at worst earns another 429, and
// the policy's attempts bound that.
const MaxRetryAfter = time.Minute

// maxRateLimitBody is how much of a 429's body is read for its wait.
const maxRateLimitBody = 4 << 10

// CheckResponse is retry.CheckResponse with the services' rate-limit
// answers read: a 429 or 503 waits as RateLimitWait says, capped at
// MaxRetryAfter. Its error is retry's *StatusError, with the body's start.
func CheckResponse(resp *http.Response, now time.Time) error {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return retry.CheckResponse(resp, now)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxRateLimitBody))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	err := retry.CheckResponse(resp, now)
	if d, ok := RateLimitWait(resp.Header, body, now); ok {
		return retry.After(errorOf(err), min(d, MaxRetryAfter))
	}
	return err
}

// errorOf strips retry.CheckResponse's own After mark, so that the wait
// applied is the one RateLimitWait chose.
func errorOf(err error) error {
	var se *retry.StatusError
	if errors.As(err, &se) {
		return se
	}
	return err
}

// RateLimitWait reads how long a rate-limited answer asks to wait, from
// the first of:
//
//   - the JSON body's retry_after (Discord: seconds, with a fraction) or
//     parameters.retry_after (Telegram: seconds);
//   - the Retry-After header (seconds or an HTTP-date, measured from now);
//   - X-RateLimit-Reset-After (Discord: seconds, with a fraction).
//
// The body is preferred because the services that put the wait there give
// it more precisely than their Retry-After. It reports false when none is
// readable; the wait is not capped here.
func RateLimitWait(h http.Header, body []byte, now time.Time) (time.Duration, bool) {
	var answer struct {
		RetryAfter *float64 `json:"retry_after"`
		Parameters struct {
			RetryAfter *float64 `json:"retry_after"`
		} `json:"parameters"`
	}
	if json.Unmarshal(body, &answer) == nil {
		for _, v := range []*float64{answer.RetryAfter, answer.Parameters.RetryAfter} {
			if v != nil && *v >= 0 {
				// Bounded before the conversion, which would overflow.
				return time.Duration(min(*v, 86400) * float64(time.Second)), true
			}
		}
	}
	if d, ok := retry.ParseRetryAfter(h.Get("Retry-After"), now); ok {
		return d, true
	}
	return Seconds(h.Get("X-RateLimit-Reset-After"))
}

// Seconds reads a decimal number of seconds ("1.25"), at most a day.
func Seconds(v string) (time.Duration, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 0 || f > 86400 {
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), true
}

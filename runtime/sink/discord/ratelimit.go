package discord

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// maxRetryAfter caps Discord's wait: a broken or hostile answer must not
// park the sink's queue for a day. Waiting less at worst earns another 429,
// which the policy's attempts bound.
const maxRetryAfter = time.Minute

// check classifies an answer. A 429 waits for Discord's retry_after: the
// JSON body's (seconds, with a fraction), else Retry-After, else
// X-RateLimit-Reset-After. Everything else is retry.CheckResponse's.
func check(resp *http.Response, now time.Time) error {
	if resp.StatusCode != http.StatusTooManyRequests {
		return retry.CheckResponse(resp, now)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	err := retry.CheckResponse(resp, now) // a *StatusError, with the body's start
	var answer struct {
		RetryAfter *float64 `json:"retry_after"`
	}
	if json.Unmarshal(body, &answer) == nil && answer.RetryAfter != nil && *answer.RetryAfter >= 0 && *answer.RetryAfter < 86400 {
		return retry.After(err, min(time.Duration(*answer.RetryAfter*float64(time.Second)), maxRetryAfter))
	}
	if d, ok := retry.ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		return retry.After(err, min(d, maxRetryAfter))
	}
	if d, ok := seconds(resp.Header.Get("X-RateLimit-Reset-After")); ok {
		return retry.After(err, min(d, maxRetryAfter))
	}
	return err
}

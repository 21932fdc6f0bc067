package retry

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxErrorBody is how much of an error response's body StatusError keeps.
const maxErrorBody = 256

// StatusError is an HTTP response that was not a success.
type StatusError struct {
	// Code is the status code, e.g. 503.
	Code int
	// Status is the status line, e.g. "503 Service Unavailable".
	Status string
	// Body is the start of the response body, on one line.
	Body string
}

func (e *StatusError) Error() string {
	if e.Body == "" {
		return "HTTP " + e.Status
	}
	return fmt.Sprintf("HTTP %s: %s", e.Status, e.Body)
}

// CheckResponse classifies resp: nil for a 2xx; otherwise a *StatusError,
//
//   - marked After when the status is 429 or 503 and Retry-After is set;
//   - plain (retryable) for 408, 429 and 5xx;
//   - marked Permanent for anything else (other 4xx, and 1xx or 3xx left
//     over after the client's redirects): the same request gets the same.
//
// now is the time an HTTP-date Retry-After is measured from. CheckResponse
// reads up to 256 bytes of an error's body; the caller closes it.
func CheckResponse(resp *http.Response, now time.Time) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	err := &StatusError{
		Code:   resp.StatusCode,
		Status: resp.Status,
		Body:   strings.Join(strings.Fields(strings.ToValidUTF8(string(body), "?")), " "),
	}
	if err.Status == "" {
		err.Status = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
			return After(err, d)
		}
		return err
	case code == http.StatusRequestTimeout || code >= 500:
		return err
	default:
		return Permanent(err)
	}
}

// ParseRetryAfter reads a Retry-After value: delay-seconds ("120") or an
// HTTP-date, which is measured from now (a date in the past is no wait).
// It reports false for an empty or unreadable value.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second) // no overflow; Total bounds it anyway
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

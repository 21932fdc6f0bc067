package httpapi

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TestRateLimitWait: each service's way of saying how long to wait is
// read, the body's before the headers'.
func TestRateLimitWait(t *testing.T) {
	for name, tc := range map[string]struct {
		body   string
		header []string
		want   time.Duration
		ok     bool
	}{
		"discord body":            {`{"message":"You are being rate limited.","retry_after":1.5}`, []string{"Retry-After", "2"}, 1500 * time.Millisecond, true},
		"telegram parameters":     {`{"ok":false,"parameters":{"retry_after":7}}`, []string{"Retry-After", "2"}, 7 * time.Second, true},
		"Retry-After seconds":     {`not json`, []string{"Retry-After", "3"}, 3 * time.Second, true},
		"Retry-After date":        {``, []string{"Retry-After", now.Add(20 * time.Second).Format(http.TimeFormat)}, 20 * time.Second, true},
		"X-RateLimit-Reset-After": {``, []string{"X-RateLimit-Reset-After", "0.25"}, 250 * time.Millisecond, true},
		"negative is unreadable":  {`{"retry_after":-1}`, nil, 0, false},
		"nothing":                 {`{"error":"slow down"}`, nil, 0, false},
	} {
		t.Run(name, func(t *testing.T) {
			h := http.Header{}
			for i := 0; i < len(tc.header); i += 2 {
				h.Set(tc.header[i], tc.header[i+1])
			}
			d, ok := RateLimitWait(h, []byte(tc.body), now)
			if d != tc.want || ok != tc.ok {
				t.Errorf("RateLimitWait = %v, %v; want %v, %v", d, ok, tc.want, tc.ok)
			}
		})
	}
}

func response(code int, body string, header ...string) *http.Response {
	r := &http.Response{StatusCode: code, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
	for i := 0; i < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return r
}

// TestCheckResponse: 429 and 503 wait as the answer says, capped at
// MaxRetryAfter; the error keeps the status and the body's start; other
// answers are retry.CheckResponse's.
func TestCheckResponse(t *testing.T) {
	for name, tc := range map[string]struct {
		resp      *http.Response
		wait      time.Duration
		hinted    bool
		permanent bool
	}{
		"429 body":               {response(429, `{"retry_after":2.5}`), 2500 * time.Millisecond, true, false},
		"429 capped":             {response(429, `{"retry_after":86000}`), MaxRetryAfter, true, false},
		"429 Retry-After capped": {response(429, ``, "Retry-After", "86400"), MaxRetryAfter, true, false},
		"503 Retry-After":        {response(503, ``, "Retry-After", "4"), 4 * time.Second, true, false},
		"429 without a wait":     {response(429, `slow down`), 0, false, false},
		"500":                    {response(500, `oops`), 0, false, false},
		"400":                    {response(400, `bad`), 0, false, true},
	} {
		t.Run(name, func(t *testing.T) {
			err := CheckResponse(tc.resp, now)
			var se *retry.StatusError
			if !errors.As(err, &se) || se.Code != tc.resp.StatusCode {
				t.Fatalf("error %v, want a StatusError %d", err, tc.resp.StatusCode)
			}
			if d, ok := retry.RetryAfter(err); d != tc.wait || ok != tc.hinted {
				t.Errorf("wait %v, %v; want %v, %v", d, ok, tc.wait, tc.hinted)
			}
			if retry.IsPermanent(err) != tc.permanent {
				t.Errorf("permanent %v, want %v", retry.IsPermanent(err), tc.permanent)
			}
		})
	}
	if err := CheckResponse(response(204, ``), now); err != nil {
		t.Errorf("204: %v", err)
	}
}

// TestRateLimitWaitHuge: a wait too large for a Duration is a day, not an
// overflow into a negative or zero wait.
func TestRateLimitWaitHuge(t *testing.T) {
	d, ok := RateLimitWait(http.Header{}, []byte(`{"retry_after":1e300}`), now)
	if !ok || d != 24*time.Hour {
		t.Errorf("RateLimitWait = %v, %v; want 24h", d, ok)
	}
}

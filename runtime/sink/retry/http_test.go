package retry_test

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

func TestCheckResponse(t *testing.T) {
	for _, tc := range []struct {
		code       int
		retryAfter string
		body       string
		ok         bool
		permanent  bool
		after      time.Duration // -1: no Retry-After hint
		msg        string
	}{
		{code: 200, ok: true},
		{code: 204, ok: true},
		{code: 400, body: "bad\nfield", permanent: true, after: -1, msg: "HTTP 400 Bad Request: bad field"},
		{code: 401, permanent: true, after: -1, msg: "HTTP 401 Unauthorized"},
		{code: 404, permanent: true, after: -1},
		{code: 302, permanent: true, after: -1},
		{code: 408, after: -1},
		{code: 429, after: -1},
		{code: 429, retryAfter: "7", after: 7 * time.Second},
		{code: 429, retryAfter: epoch.Add(30 * time.Second).Format(http.TimeFormat), after: 30 * time.Second},
		{code: 503, retryAfter: "2", after: 2 * time.Second},
		{code: 500, after: -1, msg: "HTTP 500 Internal Server Error"},
		{code: 502, after: -1},
	} {
		resp := &http.Response{
			StatusCode: tc.code,
			Header:     http.Header{},
			Body:       io.NopCloser(strings.NewReader(tc.body)),
		}
		resp.Status = strconv.Itoa(tc.code) + " " + http.StatusText(tc.code)
		if tc.retryAfter != "" {
			resp.Header.Set("Retry-After", tc.retryAfter)
		}
		err := retry.CheckResponse(resp, epoch)
		if tc.ok {
			if err != nil {
				t.Errorf("%d: %v, want nil", tc.code, err)
			}
			continue
		}
		var se *retry.StatusError
		if !errors.As(err, &se) || se.Code != tc.code {
			t.Errorf("%d: %v, want a *StatusError", tc.code, err)
			continue
		}
		if got := retry.IsPermanent(err); got != tc.permanent {
			t.Errorf("%d: permanent = %v, want %v", tc.code, got, tc.permanent)
		}
		d, hinted := retry.RetryAfter(err)
		if !hinted {
			d = -1
		}
		if d != tc.after {
			t.Errorf("%d %q: retry after %v, want %v", tc.code, tc.retryAfter, d, tc.after)
		}
		if tc.msg != "" && err.Error() != tc.msg {
			t.Errorf("%d: message %q, want %q", tc.code, err.Error(), tc.msg)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"soon", 0, false},
		{"-3", 0, false},
		{"0", 0, true},
		{" 120 ", 2 * time.Minute, true},
		{"99999999999999", 24 * time.Hour, true},
		{epoch.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{epoch.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"Fri, 02 Jan 2026 03:05:35 GMT", 90 * time.Second, true},
	} {
		got, ok := retry.ParseRetryAfter(tc.in, epoch)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

package httpapi

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

func client(t *testing.T, log io.Writer) (*Client, *retrytest.Clock) {
	clock := retrytest.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	c := New(Client{
		Sink:   `test_sink "t"`,
		Policy: retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true},
		Log:    slog.New(slog.NewTextHandler(log, nil)),
		Header: func(h http.Header) { h.Set("Authorization", "GenieKey s3cret") },
	})
	return c, clock
}

func TestDoDecodesAndSendsHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("Authorization") != "GenieKey s3cret" || r.Header.Get("Content-Type") != "application/json" || string(body) != `{"a":1}` {
			t.Errorf("request %v %s", r.Header, body)
		}
		io.WriteString(w, `{"id":"10001"}`)
	}))
	defer srv.Close()
	c, _ := client(t, io.Discard)
	var out struct{ ID string }
	if err := c.Do(context.Background(), Request{Op: "create", Method: "POST", URL: srv.URL + "/x", JSON: map[string]int{"a": 1}, Out: &out}); err != nil {
		t.Fatal(err)
	}
	if out.ID != "10001" {
		t.Errorf("decoded %+v", out)
	}
}

// A Retry-After longer than MaxRetryAfter is capped; errors and logs name
// the host, not the path or the credentials.
func TestRetryAfterCappedAndNoSecrets(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "86400")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "no")
	}))
	defer srv.Close()
	var log bytes.Buffer
	c, clock := client(t, &log)
	err := c.Do(context.Background(), Request{Op: "close", Method: "POST", URL: srv.URL + "/secret-path?token=abc"})
	if err == nil || !strings.Contains(err.Error(), "HTTP 403") || !strings.Contains(err.Error(), `test_sink "t": close (POST http://127.0.0.1`) {
		t.Fatalf("error %v", err)
	}
	if diff := cmp.Diff([]time.Duration{MaxRetryAfter}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	for _, secret := range []string{"secret-path", "abc", "s3cret"} {
		if strings.Contains(err.Error(), secret) || strings.Contains(log.String(), secret) {
			t.Errorf("%q leaked:\nerror: %v\nlog: %s", secret, err, log.String())
		}
	}
	if !strings.Contains(log.String(), "retrying") || !strings.Contains(log.String(), "attempt=1") {
		t.Errorf("the retried failure was not logged: %s", log.String())
	}
}

func TestConnectionErrorHidesURL(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c, clock := client(t, io.Discard)
	err := c.Do(context.Background(), Request{Op: "get", Method: "GET", URL: url + "/rest/api/3/issue/ABC-1"})
	if err == nil || strings.Contains(err.Error(), "ABC-1") {
		t.Fatalf("error %v", err)
	}
	if len(clock.Sleeps()) != retry.DefaultAttempts-1 {
		t.Errorf("waits %v: a refused connection is retried", clock.Sleeps())
	}
}

func TestBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.eu.opsgenie.com/": "https://api.eu.opsgenie.com",
		"api.eu.opsgenie.com":          "https://api.eu.opsgenie.com",
		"http://127.0.0.1:8080/jira":   "http://127.0.0.1:8080/jira",
	} {
		if got, err := BaseURL("host", in); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "ftp://x", "https://u:p@x", "https://x/?a=1"} {
		if _, err := BaseURL("host", in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

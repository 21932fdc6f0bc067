package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

func TestParseTarget(t *testing.T) {
	for raw, safe := range map[string]string{
		"https://discord.com/api/webhooks/1/SECRET": "https://discord.com/…",
		"https://chat.example":                      "https://chat.example",
		"https://chat.example/":                     "https://chat.example",
		"http://h.example/?key=SECRET":              "http://h.example/…",
		"https://user:pw@h.example":                 "https://h.example/…",
	} {
		tg, err := ParseTarget("url", raw)
		if err != nil || tg.String() != safe || Redact(raw) != safe {
			t.Errorf("ParseTarget(%q) = %q, %v (Redact %q); want %q", raw, tg, err, Redact(raw), safe)
		}
	}
	for _, raw := range []string{"", "discord.com/x", "ftp://h/x", "https:///x"} {
		_, err := ParseTarget("webhook_url", raw)
		if err == nil || !strings.HasPrefix(err.Error(), "webhook_url must be") || (raw != "" && strings.Contains(err.Error(), raw)) {
			t.Errorf("ParseTarget(%q): error %v", raw, err)
		}
	}
	if got := mustTarget(t, "https://h.example/x?a=1").WithQuery("wait", "true").url; got != "https://h.example/x?a=1&wait=true" {
		t.Errorf("WithQuery: %s", got)
	}
}

func mustTarget(t *testing.T, raw string) Target {
	t.Helper()
	tg, err := ParseTarget("url", raw)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestPostRetriesAndHidesURL: a 503 is retried, a 404 is final, and
// neither the error nor the answer shows the URL's secret path.
func TestPostRetriesAndHidesURL(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("Content-Type") != "application/json" || r.Header.Get("User-Agent") != "robusta-go" {
			t.Errorf("headers %v", r.Header)
		}
		if calls == 2 {
			w.Write([]byte(`{"id":"1"}`))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	clock := retrytest.NewClock(time.Unix(0, 0))
	c := &Client{HTTP: NewHTTPClient(), Policy: retry.Policy{Clock: clock, Initial: time.Second, NoJitter: true}}
	tg := mustTarget(t, srv.URL+"/SECRETPATH")
	answer, err := c.Post(context.Background(), tg, "application/json", []byte(`{}`))
	if err != nil || string(answer) != `{"id":"1"}` {
		t.Fatalf("Post = %q, %v", answer, err)
	}
	if s := clock.Sleeps(); len(s) != 1 || s[0] != time.Second {
		t.Errorf("waits %v, want [1s]", s)
	}
	_, err = c.Post(context.Background(), tg, "application/json", []byte(`{}`))
	if err == nil || !retry.IsPermanent(err) || strings.Contains(err.Error(), "SECRETPATH") || !strings.HasPrefix(err.Error(), "POST "+srv.URL+"/…: HTTP 404") {
		t.Errorf("404: error %v, want a permanent error without the path", err)
	}
	srv.Close()
	_, err = (&Client{Policy: retry.Policy{Clock: clock, Attempts: 2}}).Post(context.Background(), tg, "application/json", nil)
	if err == nil || strings.Contains(err.Error(), "SECRETPATH") {
		t.Errorf("connection error %v shows the path", err)
	}
}

// TestPostLogsUnderTheCallersName: a caller that names the sink in its
// logger (Client.Sink empty) gets its name once per retry line, with the
// redacted URL.
func TestPostLogsUnderTheCallersName(t *testing.T) {
	var n int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n++; n == 1 {
			w.WriteHeader(http.StatusBadGateway)
		}
	}))
	defer srv.Close()
	var log strings.Builder
	c := &Client{
		Policy: retry.Policy{Clock: retrytest.NewClock(time.Unix(0, 0)), NoJitter: true},
		Log:    slog.New(slog.NewTextHandler(&log, nil)).With("sink", "chat"),
	}
	if _, err := c.Post(context.Background(), mustTarget(t, srv.URL+"/v1/spaces/SECRET"), "application/json", nil); err != nil {
		t.Fatal(err)
	}
	line := log.String()
	if strings.Count(line, "sink=") != 1 || !strings.Contains(line, "sink=chat") || !strings.Contains(line, "url="+srv.URL+"/…") || strings.Contains(line, "SECRET") {
		t.Errorf("log %q: want sink=chat once and the redacted URL", line)
	}
}

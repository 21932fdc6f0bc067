package slack

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
)

func finding() *api.Finding {
	f := &api.Finding{Title: "disk full", Severity: api.SeverityHigh}
	f.AddEnrichment(api.MarkdownBlock("98% used"))
	return f
}

func TestRetryAfter429(t *testing.T) {
	fs := newFakeSlack(t)
	fs.fail("chat.postMessage", failure{status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {"2"}}, body: `{"ok":false,"error":"ratelimited"}`})
	clock := newFakeClock()
	var logs bytes.Buffer
	s := testSink(t, fs, clock, Params{}, &logs)
	if err := s.Write(context.Background(), finding()); err != nil {
		t.Fatal(err)
	}
	if got := clock.Sleeps(); !cmp.Equal(got, []time.Duration{2 * time.Second}) {
		t.Errorf("waits %v, want one of 2s", got)
	}
	if n, calls := len(fs.posts), fs.callCount("chat.postMessage"); n != 1 || calls != 2 {
		t.Errorf("%d deliveries in %d calls, want 1 in 2", n, calls)
	}
	lines := logLines(t, &logs)
	if len(lines) != 1 {
		t.Fatalf("logs %v, want one retry warning", lines)
	}
	for k, v := range map[string]any{"level": "WARN", "sink": "team", "channel": "alerts", "code": "ratelimited", "wait": "2s"} {
		if lines[0][k] != v {
			t.Errorf("log %s = %v, want %v", k, lines[0][k], v)
		}
	}
}

func TestRetryAfter429HoldsTheChannel(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(clock)
	ctx := context.Background()
	if err := p.wait(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	p.holdUntil("a", clock.Now().Add(5*time.Second))
	p.wait(ctx, "b") // another channel is not held
	p.wait(ctx, "a")
	if got := clock.Sleeps(); !cmp.Equal(got, []time.Duration{5 * time.Second}) {
		t.Errorf("waits %v, want the 5s hold on a only", got)
	}
}

func TestPacingPerChannel(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(clock)
	for _, ch := range []string{"a", "b", "a", "a"} {
		if err := p.wait(context.Background(), ch); err != nil {
			t.Fatal(err)
		}
	}
	// a's second and third messages wait a second each; b never waits.
	if got := clock.Sleeps(); !cmp.Equal(got, []time.Duration{time.Second, time.Second}) {
		t.Errorf("waits %v", got)
	}
}

func TestRetry5xx(t *testing.T) {
	fs := newFakeSlack(t)
	fs.fail("chat.postMessage", failure{status: http.StatusInternalServerError, body: "<html>oops</html>"})
	clock := newFakeClock()
	s := testSink(t, fs, clock, Params{}, nil)
	if err := s.Write(context.Background(), finding()); err != nil {
		t.Fatal(err)
	}
	if got := clock.Sleeps(); !cmp.Equal(got, []time.Duration{backoffBase}) {
		t.Errorf("waits %v, want one backoff of %v", got, backoffBase)
	}
	if n := len(fs.posts); n != 1 {
		t.Errorf("%d deliveries, want 1", n)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	fs := newFakeSlack(t)
	for range maxAttempts {
		fs.fail("chat.postMessage", failure{status: http.StatusServiceUnavailable})
	}
	clock := newFakeClock()
	s := testSink(t, fs, clock, Params{}, nil)
	err := s.Write(context.Background(), finding())
	var sc slack.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want the 503", err)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	if got := clock.Sleeps(); !cmp.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if calls := fs.callCount("chat.postMessage"); calls != maxAttempts || len(fs.posts) != 0 {
		t.Errorf("%d calls, %d deliveries", calls, len(fs.posts))
	}
}

func TestBackoffIsCapped(t *testing.T) {
	if got := newPolicy(nil).Backoff(20); got != backoffCap {
		t.Errorf("Backoff(20) = %v", got)
	}
}

func TestConnectionErrorsRetry(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close() // connections are refused from here on
	clock := newFakeClock()
	var logs bytes.Buffer
	s, err := New(Params{Common: commonNamed("team"), SlackChannel: "alerts", APIKey: "xoxb-test", APIURL: dead.URL}, globalProd, WithLogger(jsonLogger(&logs)), withClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), finding()); err == nil {
		t.Fatal("a refused connection was not an error")
	}
	if got := len(clock.Sleeps()); got != maxAttempts-1 {
		t.Errorf("%d waits, want %d", got, maxAttempts-1)
	}
	last := logLines(t, &logs)[maxAttempts-1]
	if last["level"] != "ERROR" || last["code"] != "connection" {
		t.Errorf("final log %v", last)
	}
}

func TestPermanentErrorIsReturnedAndLogged(t *testing.T) {
	fs := newFakeSlack(t)
	fs.fail("chat.postMessage", failure{status: http.StatusOK, body: `{"ok":false,"error":"channel_not_found"}`})
	clock := newFakeClock()
	var logs bytes.Buffer
	s := testSink(t, fs, clock, Params{Common: commonNamed("team-oncall"), SlackChannel: "#gone"}, &logs)
	err := s.Write(context.Background(), finding())
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "channel_not_found" {
		t.Fatalf("err = %v, want channel_not_found", err)
	}
	for _, want := range []string{`"team-oncall"`, `"#gone"`, "chat.postMessage", "channel_not_found"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if calls := fs.callCount("chat.postMessage"); calls != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d calls and waits %v, want 1 call and none", calls, clock.Sleeps())
	}
	lines := logLines(t, &logs)
	if len(lines) != 1 {
		t.Fatalf("logs %v, want one line", lines)
	}
	for k, v := range map[string]any{"level": "ERROR", "sink": "team-oncall", "channel": "#gone", "method": "chat.postMessage", "code": "channel_not_found"} {
		if lines[0][k] != v {
			t.Errorf("log %s = %v, want %v", k, lines[0][k], v)
		}
	}
}

func TestCancelStopsTheWait(t *testing.T) {
	fs := newFakeSlack(t)
	fs.fail("chat.postMessage", failure{status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {"60"}}})
	clock := newFakeClock()
	waiting := clock.Hold()
	s := testSink(t, fs, clock, Params{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Write(ctx, finding()) }()
	if d := <-waiting; d != time.Minute {
		t.Errorf("waiting %v, want the 60s Retry-After", d)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if calls := fs.callCount("chat.postMessage"); calls != 1 {
		t.Errorf("%d calls after cancel, want 1", calls)
	}
}

// TestRetryAfterIsCapped: a 429 asking for an hour is retried after
// maxRetryAfter, and the call gives up once its waits would pass
// callTotal, instead of holding the sink for hours.
func TestRetryAfterIsCapped(t *testing.T) {
	fs := newFakeSlack(t)
	for range maxAttempts {
		fs.fail("chat.postMessage", failure{status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {"3600"}}})
	}
	clock := newFakeClock()
	s := testSink(t, fs, clock, Params{}, nil)
	if err := s.Write(context.Background(), finding()); err == nil {
		t.Fatal("Write succeeded against a Slack that always answers 429")
	}
	var total time.Duration
	for _, d := range clock.Sleeps() {
		if d > maxRetryAfter {
			t.Errorf("waited %v, want at most %v", d, maxRetryAfter)
		}
		total += d
	}
	if total > callTotal {
		t.Errorf("waited %v in all, want at most %v", total, callTotal)
	}
	if calls := fs.callCount("chat.postMessage"); calls < 2 || calls > maxAttempts {
		t.Errorf("%d calls, want a retry and at most %d", calls, maxAttempts)
	}
}

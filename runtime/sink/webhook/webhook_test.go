package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// request is what the server saw of one POST.
type request struct {
	Method, Path string
	Header       http.Header
	Body         string
}

// server is an httptest server that records every request and answers
// each with the next of its handlers, then with 200 OK.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	reqs     []request
	handlers []http.HandlerFunc
}

func newServer(t *testing.T, handlers ...http.HandlerFunc) *server {
	s := &server{handlers: handlers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.reqs)
		s.reqs = append(s.reqs, request{r.Method, r.URL.Path, r.Header.Clone(), string(body)})
		s.mu.Unlock()
		if n < len(s.handlers) {
			s.handlers[n](w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.reqs...)
}

func status(code int, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, http.StatusText(code))
	}
}

// hangUp closes the connection without answering.
func hangUp(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

// half makes jitter deterministic: the wait for backoff b is 3b/4.
func half() float64 { return 0.5 }

// newSink returns a sink posting to srv's /hook with a fake clock.
func newSink(t *testing.T, srv *server, p Params) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(epoch)
	if p.Name == "" {
		p.Name = "hook"
	}
	if p.URL == "" {
		p.URL = srv.URL + "/hook"
	}
	s, err := New(p, sink.Global{ClusterName: "prod-eu"},
		WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, Rand: half}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, clock
}

func finding() *api.Finding {
	f := &api.Finding{
		Title:          "Crashing pod api-7d9f",
		Description:    "The pod restarted 5 times. See <https://runbooks.example/crash|the runbook>.",
		Severity:       api.SeverityHigh,
		Source:         api.SourceKubernetesAPI,
		Type:           api.TypeIssue,
		AggregationKey: "CrashLoopBackoff",
		Fingerprint:    "f00d",
		Subject:        api.Subject{Kind: "Pod", Name: "api-7d9f", Namespace: "default", Node: "node-1", Labels: map[string]string{"app": "api"}},
		StartsAt:       epoch,
		Playbook:       "CrashCheck",
		Actions:        []string{"report_crash_loop"},
	}
	f.AddEnrichment(api.HeaderBlock("Logs"), api.MarkdownBlock("*Last lines:*"), api.FileBlock("api.log", []byte("panic: nil map\n")))
	return f
}

func TestJSONBodyAndHeaders(t *testing.T) {
	srv := newServer(t)
	s, _ := newSink(t, srv, Params{Format: "json", Authorization: "Bearer s3cret"})
	if err := s.Write(context.Background(), finding()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	got := reqs[0]
	want := `{"title":"Crashing pod api-7d9f",` +
		`"description":"The pod restarted 5 times. See \u003chttps://runbooks.example/crash|the runbook\u003e.",` +
		`"severity":"HIGH","source":"kubernetes_api_server","finding_type":"issue",` +
		`"aggregation_key":"CrashLoopBackoff","fingerprint":"f00d",` +
		`"subject":{"kind":"Pod","name":"api-7d9f","namespace":"default","node":"node-1","labels":{"app":"api"}},` +
		`"enrichments":[{"blocks":[{"type":"header","text":"Logs"},{"type":"markdown","text":"*Last lines:*"},` +
		`{"type":"file","filename":"api.log","contents":"cGFuaWM6IG5pbCBtYXAK"}]}],` +
		`"starts_at":"2026-01-02T03:04:05Z","playbook":"CrashCheck","actions":["report_crash_loop"]}`
	if diff := cmp.Diff(want, got.Body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	for k, v := range map[string]string{"Content-Type": "application/json", "Authorization": "Bearer s3cret", "User-Agent": "robusta-go"} {
		if got.Header.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.Header.Get(k), v)
		}
	}
	if got.Method != http.MethodPost || got.Path != "/hook" {
		t.Errorf("%s %s, want POST /hook", got.Method, got.Path)
	}
}

func TestTextBody(t *testing.T) {
	srv := newServer(t)
	s, _ := newSink(t, srv, Params{})
	if err := s.Write(context.Background(), finding()); err != nil {
		t.Fatal(err)
	}
	got := srv.requests()[0]
	want := `Crashing pod api-7d9f
Severity: HIGH
Subject: Pod default/api-7d9f (node node-1)
Cluster: prod-eu
Source: kubernetes_api_server

The pod restarted 5 times. See the runbook: https://runbooks.example/crash.

Logs
*Last lines:*
[file api.log, 15 bytes]
`
	if diff := cmp.Diff(want, got.Body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if ct := got.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if _, ok := got.Header["Authorization"]; ok {
		t.Error("Authorization sent though none is configured")
	}
}

func TestRetriesServerErrors(t *testing.T) {
	srv := newServer(t, status(500), status(503))
	s, clock := newSink(t, srv, Params{})
	if err := s.Write(context.Background(), finding()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 3 {
		t.Errorf("%d requests, want 3 (two failures, one delivery)", n)
	}
	// Backoffs of 1s then 2s, at 3/4 with the fixed jitter.
	if diff := cmp.Diff([]time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestHonoursRetryAfter(t *testing.T) {
	for name, tc := range map[string]struct {
		value string
		want  time.Duration
	}{
		"seconds":   {"7", 7 * time.Second},
		"HTTP-date": {epoch.Add(20 * time.Second).Format(http.TimeFormat), 20 * time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, status(429, "Retry-After", tc.value))
			s, clock := newSink(t, srv, Params{})
			if err := s.Write(context.Background(), finding()); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.requests()); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
			if diff := cmp.Diff([]time.Duration{tc.want}, clock.Sleeps()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClientErrorIsNotRetried(t *testing.T) {
	srv := newServer(t, status(400))
	s, clock := newSink(t, srv, Params{URL: srv.URL + "/services/T0/B0/SECRETPATH?token=q", Authorization: "Bearer s3cret"})
	err := s.Write(context.Background(), finding())
	var se *retry.StatusError
	if !errors.As(err, &se) || se.Code != 400 {
		t.Fatalf("error %v, want an HTTP 400", err)
	}
	if n := len(srv.requests()); n != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d requests and %d waits, want 1 and 0", n, len(clock.Sleeps()))
	}
	want := "webhook_sink hook: POST " + srv.URL + "/…: HTTP 400 Bad Request: Bad Request"
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestRetriesDroppedConnection(t *testing.T) {
	srv := newServer(t, hangUp)
	s, clock := newSink(t, srv, Params{})
	if err := s.Write(context.Background(), finding()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 2 || len(clock.Sleeps()) != 1 {
		t.Errorf("%d requests and %d waits, want 2 and 1", n, len(clock.Sleeps()))
	}
}

func TestRetriesTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := newServer(t, func(http.ResponseWriter, *http.Request) { <-release })
	clock := retrytest.NewClock(epoch)
	s, err := New(Params{Common: sink.Common{Name: "hook"}, URL: srv.URL}, sink.Global{},
		WithClient(&http.Client{Timeout: 50 * time.Millisecond}), WithPolicy(retry.Policy{Clock: clock}))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), finding()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 2 || len(clock.Sleeps()) != 1 {
		t.Errorf("%d requests and %d waits, want 2 and 1", n, len(clock.Sleeps()))
	}
}

func TestConnectionErrorHidesURL(t *testing.T) {
	srv := newServer(t)
	url := srv.URL + "/services/SECRETPATH"
	srv.Close() // nothing listens there any more
	s, _ := newSink(t, srv, Params{URL: url})
	err := s.Write(context.Background(), finding())
	if err == nil || !strings.Contains(err.Error(), "giving up after 5 attempts") {
		t.Fatalf("error %v, want a connection error after 5 attempts", err)
	}
	if strings.Contains(err.Error(), "SECRETPATH") {
		t.Errorf("error %q shows the URL's path", err)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	srv := newServer(t, status(500), status(500), status(500))
	s, clock := newSink(t, srv, Params{})
	waiting := clock.Hold()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Write(ctx, finding()) }()
	<-waiting
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Write did not return after its context was cancelled")
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestTypeNew(t *testing.T) {
	s, err := Type.New([]byte(`{"name":"w","url":"https://example.com/x"}`), sink.Global{})
	if err != nil {
		t.Fatal(err)
	}
	w := s.(*Sink)
	if w.format != FormatText || w.limit != DefaultSizeLimit || w.client.Timeout != DefaultTimeout {
		t.Errorf("defaults: format %q, size_limit %d, timeout %v", w.format, w.limit, w.client.Timeout)
	}
	for _, raw := range []string{
		`{"name":"w","url":"example.com/x"}`,
		`{"name":"w","url":"ftp://example.com/x"}`,
		`{"name":"w","url":"https://example.com","format":"xml"}`,
		`{"name":"w","url":"https://example.com","size_limit":-1}`,
		`{"name":"w","url":5}`,
	} {
		if _, err := Type.New([]byte(raw), sink.Global{}); err == nil {
			t.Errorf("%s: accepted", raw)
		}
	}
}

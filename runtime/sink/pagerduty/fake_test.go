package pagerduty

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// request is what the fake Events API saw of one POST.
type request struct {
	Path   string
	Header http.Header
	Body   map[string]any
}

// fakePD speaks the Events API v2: it records each request and answers
// with the next of its handlers, then 202 and PagerDuty's success body.
type fakePD struct {
	*httptest.Server
	mu       sync.Mutex
	reqs     []request
	handlers []http.HandlerFunc
}

func newFakePD(t testing.TB, handlers ...http.HandlerFunc) *fakePD {
	f := &fakePD{handlers: handlers}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Errorf("%s: body is not JSON: %v", r.URL.Path, err)
		}
		f.mu.Lock()
		n := len(f.reqs)
		f.reqs = append(f.reqs, request{r.URL.Path, r.Header.Clone(), body})
		f.mu.Unlock()
		if n < len(f.handlers) {
			f.handlers[n](w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"status":"success","message":"Event processed","dedup_key":"x"}`)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakePD) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.reqs...)
}

func answer(code int, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// testSink posts to srv with a fake clock and exact backoffs (1s, 2s, ...).
func testSink(t testing.TB, srv *fakePD) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(epoch)
	s, err := New(Params{Common: sink.Common{Name: "oncall"}, APIKey: "R0UTINGKEY", APIURL: srv.URL + "/"},
		sink.Global{ClusterName: "prod-eu"},
		WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, clock
}

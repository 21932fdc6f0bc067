package opsgenie

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

const testKey = "0psG3n1eKEY"

// request is what the fake Alert API saw of one call.
type request struct {
	Method, Path, Query string
	Header              http.Header
	Body                map[string]any
}

// fakeOpsgenie speaks the Alert API v2: it checks the GenieKey, records
// each request and answers with the next of its handlers, then 202 and
// Opsgenie's asynchronous answer.
type fakeOpsgenie struct {
	*httptest.Server
	mu       sync.Mutex
	reqs     []request
	handlers []http.HandlerFunc
}

func newFake(t testing.TB, handlers ...http.HandlerFunc) *fakeOpsgenie {
	f := &fakeOpsgenie{handlers: handlers}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Errorf("%s: body is not JSON: %v", r.URL.Path, err)
		}
		f.mu.Lock()
		n := len(f.reqs)
		f.reqs = append(f.reqs, request{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body})
		f.mu.Unlock()
		if r.Header.Get("Authorization") != "GenieKey "+testKey {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"Could not authenticate","took":0.0,"requestId":"r0"}`)
			return
		}
		if n < len(f.handlers) {
			f.handlers[n](w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"result":"Request will be processed","took":0.302,"requestId":"43a29c5c-3dbf-4fa4-9c26-f4f71023e120"}`)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeOpsgenie) requests() []request {
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
func testSink(t testing.TB, srv *fakeOpsgenie, p Params) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(epoch)
	p.Name, p.APIKey, p.Host = "oncall", testKey, srv.URL+"/"
	s, err := New(p, sink.Global{ClusterName: "prod-eu"},
		WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, clock
}

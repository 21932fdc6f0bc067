package discord

import (
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

const hookPath = "/api/webhooks/123/SECRET-TOKEN"

// posted is one Execute Webhook request as Discord reads it.
type posted struct {
	Path, ContentType string
	Message           message           // the JSON body, or the payload_json part
	Files             map[string]string // files[n] part: filename -> contents
	FileFields        []string          // the files parts' field names, in order
}

// fakeDiscord answers Execute Webhook like Discord: 204 for a JSON body,
// or a scripted answer per request.
type fakeDiscord struct {
	*httptest.Server
	t       testing.TB
	mu      sync.Mutex
	posts   []posted
	answers []http.HandlerFunc // the n-th request's answer, when set
}

func newFake(t testing.TB, answers ...http.HandlerFunc) *fakeDiscord {
	fd := &fakeDiscord{t: t, answers: answers}
	fd.Server = httptest.NewServer(http.HandlerFunc(fd.serve))
	t.Cleanup(fd.Close)
	return fd
}

func (fd *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	p := posted{Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Files: map[string]string{}}
	mt, params, _ := mime.ParseMediaType(p.ContentType)
	switch {
	case r.Method != http.MethodPost:
		fd.t.Errorf("method %s", r.Method)
	case mt == "application/json":
		if err := json.NewDecoder(r.Body).Decode(&p.Message); err != nil {
			fd.t.Errorf("JSON body: %v", err)
		}
	case mt == "multipart/form-data":
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			data, _ := io.ReadAll(part)
			if part.FormName() == "payload_json" {
				if err := json.Unmarshal(data, &p.Message); err != nil {
					fd.t.Errorf("payload_json: %v", err)
				}
				continue
			}
			p.FileFields = append(p.FileFields, part.FormName())
			p.Files[part.FileName()] = string(data)
		}
	default:
		fd.t.Errorf("content type %q", p.ContentType)
	}
	fd.mu.Lock()
	n := len(fd.posts)
	fd.posts = append(fd.posts, p)
	fd.mu.Unlock()
	if n < len(fd.answers) && fd.answers[n] != nil {
		fd.answers[n](w, r)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (fd *fakeDiscord) requests() []posted {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	return append([]posted(nil), fd.posts...)
}

// answer writes a status, headers (name, value pairs) and a body.
func answer(code int, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// newSink posts to fd with a fake clock and no jitter.
func newSink(t testing.TB, fd *fakeDiscord) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(epoch)
	s, err := New(Params{Common: sink.Common{Name: "dc"}, URL: fd.URL + hookPath}, sink.Global{ClusterName: "prod-eu"},
		WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(t.Context()) })
	return s, clock
}

func noSecret(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error %q shows the webhook token", err)
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

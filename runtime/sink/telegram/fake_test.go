package telegram

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

const token = "123456:SECRET-TOKEN"

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// call is one Bot API request as Telegram reads it.
type call struct {
	Method  string
	Message sendMessage       // sendMessage's JSON body
	Fields  map[string]string // a multipart form's plain fields
	Files   map[string]string // form field -> "filename: contents"
}

// fakeBot answers the Bot API at /bot<token>/<method>: {"ok":true} or a
// scripted answer per request.
type fakeBot struct {
	*httptest.Server
	t       testing.TB
	mu      sync.Mutex
	calls   []call
	answers []http.HandlerFunc
}

func newFake(t testing.TB, answers ...http.HandlerFunc) *fakeBot {
	fb := &fakeBot{t: t, answers: answers}
	fb.Server = httptest.NewServer(http.HandlerFunc(fb.serve))
	t.Cleanup(fb.Close)
	return fb
}

func (fb *fakeBot) serve(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+token+"/")
	if !ok || r.Method != http.MethodPost {
		fb.t.Errorf("%s %s: not a Bot API call with the token", r.Method, r.URL.Path)
		http.NotFound(w, r)
		return
	}
	c := call{Method: method, Fields: map[string]string{}, Files: map[string]string{}}
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		if err := json.NewDecoder(r.Body).Decode(&c.Message); err != nil {
			fb.t.Errorf("JSON body: %v", err)
		}
	case "multipart/form-data":
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			data, _ := io.ReadAll(part)
			if part.FileName() != "" {
				c.Files[part.FormName()] = part.FileName() + ": " + string(data)
			} else {
				c.Fields[part.FormName()] = string(data)
			}
		}
	default:
		fb.t.Errorf("content type %q", mt)
	}
	fb.mu.Lock()
	n := len(fb.calls)
	fb.calls = append(fb.calls, c)
	fb.mu.Unlock()
	if n < len(fb.answers) && fb.answers[n] != nil {
		fb.answers[n](w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"ok":true,"result":{"message_id":1}}`)
}

func (fb *fakeBot) requests() []call {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	return append([]call(nil), fb.calls...)
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

// newSink sends to fb with a fake clock and no jitter.
func newSink(t testing.TB, fb *fakeBot, edit func(*Params)) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(epoch)
	p := Params{Common: sink.Common{Name: "tg"}, BotToken: token, ChatID: "-100123", ThreadID: 7, APIURL: fb.URL}
	if edit != nil {
		edit(&p)
	}
	s, err := New(p, sink.Global{ClusterName: "prod-eu"}, WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(t.Context()) })
	return s, clock
}

package slack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"

	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

// fakeSlack is slacktest's server with recording handlers for the calls
// slack_sink makes, and scripted failures.
type fakeSlack struct {
	*slacktest.Server

	mu        sync.Mutex
	posts     []url.Values      // chat.postMessage forms, in order
	updates   []url.Values      // chat.update forms, in order
	getURLs   []url.Values      // files.getUploadURLExternal forms
	uploads   map[string][]byte // file ID -> bytes POSTed to its upload URL
	completes []url.Values      // files.completeUploadExternal forms
	failures  map[string][]failure
	calls     map[string]int // every call, failed ones included
	nextTS    int
	nextFile  int
}

// failure is one scripted answer that replaces a call's normal one.
type failure struct {
	status int
	header http.Header
	body   string
}

func newFakeSlack(t testing.TB) *fakeSlack {
	t.Helper()
	fs := &fakeSlack{uploads: map[string][]byte{}, failures: map[string][]failure{}, calls: map[string]int{}}
	fs.Server = slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/chat.postMessage", fs.postMessage)
		c.Handle("/chat.update", fs.update)
		c.Handle("/files.getUploadURLExternal", fs.getUploadURL)
		c.Handle("/upload/", fs.upload)
		c.Handle("/files.completeUploadExternal", fs.complete)
	})
	fs.Start()
	t.Cleanup(fs.Stop)
	return fs
}

// fail makes the next call of method answer f instead.
func (fs *fakeSlack) fail(method string, f failure) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.failures[method] = append(fs.failures[method], f)
}

// scripted writes a queued failure for method, if there is one.
func (fs *fakeSlack) scripted(w http.ResponseWriter, method string) bool {
	fs.mu.Lock()
	fs.calls[method]++
	q := fs.failures[method]
	if len(q) == 0 {
		fs.mu.Unlock()
		return false
	}
	f := q[0]
	fs.failures[method] = q[1:]
	fs.mu.Unlock()
	for k, v := range f.header {
		w.Header()[k] = v
	}
	w.WriteHeader(f.status)
	io.WriteString(w, f.body)
	return true
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// channelID is the ID the fake gives a channel name.
func channelID(name string) string { return "C-" + strings.TrimPrefix(name, "#") }

func (fs *fakeSlack) postMessage(w http.ResponseWriter, r *http.Request) {
	if fs.scripted(w, "chat.postMessage") {
		return
	}
	r.ParseForm()
	fs.mu.Lock()
	fs.posts = append(fs.posts, r.PostForm)
	fs.nextTS++
	ts := fmt.Sprintf("1700000000.%06d", fs.nextTS)
	fs.mu.Unlock()
	reply(w, map[string]any{"ok": true, "channel": channelID(r.PostForm.Get("channel")), "ts": ts})
}

// update answers chat.update as Slack does: it takes a channel ID, not a
// name.
func (fs *fakeSlack) update(w http.ResponseWriter, r *http.Request) {
	if fs.scripted(w, "chat.update") {
		return
	}
	r.ParseForm()
	if !strings.HasPrefix(r.PostForm.Get("channel"), "C-") {
		reply(w, map[string]any{"ok": false, "error": "channel_not_found"})
		return
	}
	fs.mu.Lock()
	fs.updates = append(fs.updates, r.PostForm)
	fs.mu.Unlock()
	reply(w, map[string]any{"ok": true, "channel": r.PostForm.Get("channel"), "ts": r.PostForm.Get("ts"), "text": r.PostForm.Get("text")})
}

func (fs *fakeSlack) getUploadURL(w http.ResponseWriter, r *http.Request) {
	if fs.scripted(w, "files.getUploadURLExternal") {
		return
	}
	r.ParseForm()
	fs.mu.Lock()
	fs.getURLs = append(fs.getURLs, r.PostForm)
	fs.nextFile++
	id := fmt.Sprintf("F%03d", fs.nextFile)
	fs.mu.Unlock()
	reply(w, map[string]any{"ok": true, "file_id": id, "upload_url": fs.GetAPIURL() + "upload/" + id})
}

func (fs *fakeSlack) upload(w http.ResponseWriter, r *http.Request) {
	if fs.scripted(w, "upload") {
		return
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	data, _ := io.ReadAll(f)
	fs.mu.Lock()
	fs.uploads[strings.TrimPrefix(r.URL.Path, "/upload/")] = data
	fs.mu.Unlock()
	io.WriteString(w, "OK - "+fmt.Sprint(len(data)))
}

func (fs *fakeSlack) complete(w http.ResponseWriter, r *http.Request) {
	if fs.scripted(w, "files.completeUploadExternal") {
		return
	}
	r.ParseForm()
	fs.mu.Lock()
	fs.completes = append(fs.completes, r.PostForm)
	fs.mu.Unlock()
	reply(w, map[string]any{"ok": true, "files": json.RawMessage(r.PostForm.Get("files"))})
}

// newFakeClock is a retrytest.Clock: it records the waits and moves its
// time forward by them at once.
func newFakeClock() *retrytest.Clock {
	return retrytest.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
}

// testSink is a slack_sink against fs, on clock, logging into logs.
func testSink(t testing.TB, fs *fakeSlack, clock *retrytest.Clock, p Params, logs *bytes.Buffer) *Sink {
	t.Helper()
	if p.Name == "" {
		p.Name = "team"
	}
	if p.SlackChannel == "" {
		p.SlackChannel = "alerts"
	}
	p.APIKey = "xoxb-test"
	p.APIURL = fs.GetAPIURL()
	if logs == nil {
		logs = &bytes.Buffer{}
	}
	s, err := New(p, globalProd, WithLogger(jsonLogger(logs)), withClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var globalProd = sink.Global{ClusterName: "prod-eu"}

func commonNamed(name string) sink.Common { return sink.Common{Name: name} }

// jsonLogger logs JSON lines into buf, debug level and up.
func jsonLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(&syncWriter{w: buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

func (fs *fakeSlack) callCount(method string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.calls[method]
}

// logLines decodes the JSON log lines written to buf.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

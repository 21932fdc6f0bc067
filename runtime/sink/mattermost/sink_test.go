package mattermost

import (
	"context"
	"encoding/json"
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
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// fakeMM answers the REST API v4 calls the sink makes, checking the
// token; fail429 makes the first post answer 429 with Retry-After: 3 and
// the second 502.
type fakeMM struct {
	*httptest.Server
	t       *testing.T
	mu      sync.Mutex
	calls   []string
	posts   []post
	uploads map[string]string // filename -> contents
	fail    bool
	failed  int
}

func newFake(t *testing.T, fail bool) *fakeMM {
	fm := &fakeMM{t: t, uploads: map[string]string{}, fail: fail}
	fm.Server = httptest.NewServer(http.HandlerFunc(fm.serve))
	t.Cleanup(fm.Close)
	return fm
}

func (fm *fakeMM) serve(w http.ResponseWriter, r *http.Request) {
	fm.mu.Lock()
	defer fm.mu.Unlock()
	fm.calls = append(fm.calls, r.Method+" "+r.URL.Path)
	if r.Header.Get("Authorization") != "Bearer SECRET-TOKEN" {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	switch r.Method + " " + r.URL.Path {
	case "GET /api/v4/teams/name/ops":
		io.WriteString(w, `{"id":"team1","name":"ops"}`)
	case "GET /api/v4/teams/team1/channels/name/alerts":
		io.WriteString(w, `{"id":"chan1","name":"alerts"}`)
	case "POST /api/v4/files":
		if r.FormValue("channel_id") != "chan1" {
			fm.t.Errorf("upload channel_id %q", r.FormValue("channel_id"))
		}
		f, h, err := r.FormFile("files")
		if err != nil {
			fm.t.Errorf("upload: %v", err)
			return
		}
		b, _ := io.ReadAll(f)
		fm.uploads[h.Filename] = string(b)
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"file_infos":[{"id":"file-`+h.Filename+`"}]}`)
	case "POST /api/v4/posts":
		if fm.fail && fm.failed < 2 {
			fm.failed++
			if fm.failed == 1 {
				w.Header().Set("Retry-After", "3")
				w.WriteHeader(http.StatusTooManyRequests)
			} else {
				w.WriteHeader(http.StatusBadGateway)
			}
			return
		}
		var p post
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			fm.t.Errorf("post body: %v", err)
		}
		fm.posts = append(fm.posts, p)
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"post-root"}`)
	default:
		http.NotFound(w, r)
	}
}

func newSink(t *testing.T, fm *fakeMM) (*Sink, *retrytest.Clock) {
	clock := retrytest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	s, err := New(Params{Common: sink.Common{Name: "mm"}, URL: fm.URL, Token: "SECRET-TOKEN", Channel: "alerts", Team: "ops"},
		sink.Global{ClusterName: "prod-eu"}, WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	return s, clock
}

// TestWriteEveryBlock: the team and channel are looked up once, the log
// uploaded, and one Markdown post carries it by file_ids.
func TestWriteEveryBlock(t *testing.T) {
	fm := newFake(t, false)
	s, _ := newSink(t, fm)
	for range 2 {
		if err := s.Write(context.Background(), sinktest.EveryBlock()); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"GET /api/v4/teams/name/ops", "GET /api/v4/teams/team1/channels/name/alerts",
		"POST /api/v4/files", "POST /api/v4/posts", "POST /api/v4/files", "POST /api/v4/posts"}, fm.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	parts, _ := render(sinktest.EveryBlock(), "prod-eu")
	want := post{ChannelID: "chan1", Message: parts[0], FileIDs: []string{"file-web-1.log"}}
	if diff := cmp.Diff(want, fm.posts[0]); diff != "" {
		t.Errorf("post (-want +got):\n%s", diff)
	}
	if fm.uploads["web-1.log"] != "line 1\nline 2\n" {
		t.Errorf("uploads %q", fm.uploads)
	}
	for _, w := range []string{
		"#### 🔥 firing - 🔴 HIGH - Crash loop in web", "[Grafana](https://grafana.example/d/1)",
		"**restarts:** 5", "| field | value |\n| --- | --- |\n| image | web:1.2 |\n| limit | \\<512Mi\\> |",
		"```diff\n- spec.replicas: 2\n+ spec.replicas: 3\n", "```json\n{\n  \"restarts\": 5\n}\n```",
	} {
		if !strings.Contains(parts[0], w) {
			t.Errorf("message lacks %q:\n%s", w, parts[0])
		}
	}
}

// TestRetriesAndSplits: a 429 waits its Retry-After, a 502 backs off; a
// message over the limit continues in replies to the first post.
func TestRetriesAndSplits(t *testing.T) {
	fm := newFake(t, true)
	s, clock := newSink(t, fm)
	f := &api.Finding{Title: "t", Description: strings.Repeat("line of text\n", 3000)}
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{3 * time.Second, 2 * time.Second}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	if len(fm.posts) < 3 {
		t.Fatalf("%d posts, want the text split", len(fm.posts))
	}
	for i, p := range fm.posts {
		if n := len([]rune(p.Message)); n > maxMessage {
			t.Errorf("post %d has %d runes", i, n)
		}
		if (i == 0) != (p.RootID == "") || (i > 0 && p.RootID != "post-root") {
			t.Errorf("post %d root %q", i, p.RootID)
		}
	}
}

// TestErrorsHideToken: a wrong token is a permanent 401 whose error does
// not show it.
func TestErrorsHideToken(t *testing.T) {
	fm := newFake(t, false)
	s, err := New(Params{Common: sink.Common{Name: "mm"}, URL: fm.URL, Token: "WRONG", Channel: "alerts", Team: "ops"}, sink.Global{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Write(context.Background(), &api.Finding{Title: "t"})
	if err == nil || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), "WRONG") || len(fm.calls) != 1 {
		t.Errorf("error %v after %d calls", err, len(fm.calls))
	}
}

func BenchmarkRender(b *testing.B) {
	f := sinktest.EveryBlock()
	b.ReportAllocs()
	for b.Loop() {
		parts, _ := render(f, "prod-eu")
		if _, err := json.Marshal(post{ChannelID: "c", Message: parts[0]}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSplitKeepsFences: a code block longer than a post is cut into parts
// that each open and close their fence, and data's @channel notifies no one.
func TestSplitKeepsFences(t *testing.T) {
	code := "```json\n" + strings.Repeat("{\"k\": \"value\"},\n", 3000) + "```"
	parts := split([]string{"head", code, "tail"}, 4000)
	if len(parts) < 10 {
		t.Fatalf("%d parts", len(parts))
	}
	for i, p := range parts {
		if n := len([]rune(p)); n > 4000 {
			t.Errorf("part %d has %d runes", i, n)
		}
		if strings.Count(p, "```")%2 != 0 {
			t.Errorf("part %d leaves a fence open", i)
		}
	}
	if got := escape("@channel"); got != "@\u200bchannel" {
		t.Errorf("escape(@channel) = %q", got)
	}
}

package runner_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack/slacktest"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// sinkPlaybooks continues the values file's sinksConfig list (it ends with
// the file_sink) with a slack_sink and a webhook_sink, then names the
// cluster and adds one playbook per source. Each finding gets an echo
// block and a file from attach_note.
const sinkPlaybooks = `- slack_sink:
    name: slack
    slack_channel: alerts
    api_key: xoxb-test
    api_url: %q
- webhook_sink:
    name: hook
    url: %q
    format: json
    size_limit: 100000
globalConfig:
  cluster_name: e2e
customPlaybooks:
- name: PodCreated
  triggers: [{on_pod_create: {namespace_prefix: shop}}]
  actions: [{create_finding: {title: "New pod $name"}}, {echo: {message: "pod created"}}, {attach_note: {}}]
- name: Alerted
  triggers: [{on_prometheus_alert: {alert_name: PodDown}}]
  actions: [{create_finding: {title: "Alert on $namespace/$name"}}, {echo: {message: "alert seen"}}, {attach_note: {}}]
`

// notePkg is attach_note, a test-only action for any event that attaches
// a text file naming the finding's subject.
func notePkg() registry.Package {
	var all []string
	for _, s := range trigger.Specs() {
		all = append(all, s.Name)
	}
	slices.Sort(all)
	return registry.Package{Path: "example.com/notes", Actions: []registry.Action{{
		Name: "attach_note", Func: "notes.AttachNote", Event: "api.ExecutionEvent", Triggers: all,
		Accepts: func(api.ExecutionEvent) bool { return true },
		Bind: func([]byte) (registry.Func, error) {
			return func(_ context.Context, ev api.ExecutionEvent) error {
				s := ev.DefaultFinding().Subject
				ev.AddEnrichment(api.FileBlock("note.txt", []byte(noteText(s.Namespace, s.Name))))
				return nil
			}, nil
		},
	}}}
}

func noteText(ns, name string) string { return "note about " + ns + "/" + name + "\n" }

// slackRecorder is slacktest's server with handlers that record
// chat.postMessage and the external upload flow.
type slackRecorder struct {
	*slacktest.Server

	mu        sync.Mutex
	posts     []url.Values
	postTS    []string          // the ts answered to each post
	uploads   map[string][]byte // file ID -> bytes
	completes []url.Values
	n         int
}

func newSlackRecorder(t *testing.T) *slackRecorder {
	t.Helper()
	s := &slackRecorder{uploads: map[string][]byte{}}
	s.Server = slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/chat.postMessage", func(w http.ResponseWriter, r *http.Request) {
			r.ParseForm()
			s.mu.Lock()
			s.n++
			ts := fmt.Sprintf("1700000000.%06d", s.n)
			s.posts = append(s.posts, r.PostForm)
			s.postTS = append(s.postTS, ts)
			s.mu.Unlock()
			slackReply(w, map[string]any{"ok": true, "channel": "C-" + r.PostForm.Get("channel"), "ts": ts})
		})
		c.Handle("/files.getUploadURLExternal", func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.n++
			id := fmt.Sprintf("F%03d", s.n)
			s.mu.Unlock()
			slackReply(w, map[string]any{"ok": true, "file_id": id, "upload_url": s.GetAPIURL() + "upload/" + id})
		})
		c.Handle("/upload/", func(w http.ResponseWriter, r *http.Request) {
			f, _, err := r.FormFile("file")
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			data, _ := io.ReadAll(f)
			s.mu.Lock()
			s.uploads[strings.TrimPrefix(r.URL.Path, "/upload/")] = data
			s.mu.Unlock()
			io.WriteString(w, "OK")
		})
		c.Handle("/files.completeUploadExternal", func(w http.ResponseWriter, r *http.Request) {
			r.ParseForm()
			s.mu.Lock()
			s.completes = append(s.completes, r.PostForm)
			s.mu.Unlock()
			slackReply(w, map[string]any{"ok": true, "files": json.RawMessage(r.PostForm.Get("files"))})
		})
	})
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

func slackReply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// slackMessage is a posted message as a reader sees it: the header, the
// context line, the body's texts, and the files posted in its thread.
type slackMessage struct {
	Header  string
	Context []string
	Body    []string
	Files   map[string]string // title -> contents
}

// messages pairs each top-level post with the files completed in its
// thread; ok is false until every post has its files.
func (s *slackRecorder) messages(t *testing.T, files int) (out []slackMessage, ok bool) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	byTS := map[string]*slackMessage{}
	var order []string
	for i, p := range s.posts {
		if p.Get("thread_ts") != "" {
			t.Errorf("post %d is a thread reply; one short finding should be one message", i)
			continue
		}
		if p.Get("channel") != "alerts" {
			t.Errorf("post %d went to %q, want alerts", i, p.Get("channel"))
		}
		var blocks []map[string]any
		var atts []struct {
			Color  string           `json:"color"`
			Blocks []map[string]any `json:"blocks"`
		}
		if err := json.Unmarshal([]byte(p.Get("blocks")), &blocks); err != nil {
			t.Fatalf("post %d blocks %q: %v", i, p.Get("blocks"), err)
		}
		if err := json.Unmarshal([]byte(p.Get("attachments")), &atts); err != nil {
			t.Fatalf("post %d attachments %q: %v", i, p.Get("attachments"), err)
		}
		m := &slackMessage{Files: map[string]string{}}
		for _, b := range blocks {
			switch b["type"] {
			case "header":
				m.Header = texts(b)[0]
			case "context":
				m.Context = texts(b)
			}
		}
		for _, a := range atts {
			if a.Color == "" {
				t.Errorf("post %d: attachment without a severity colour", i)
			}
			for _, b := range a.Blocks {
				m.Body = append(m.Body, texts(b)...)
			}
		}
		ts := s.postTS[i]
		byTS[ts] = m
		order = append(order, ts)
	}
	done := 0
	for _, c := range s.completes {
		m := byTS[c.Get("thread_ts")]
		if m == nil || c.Get("channel_id") != "C-alerts" {
			t.Errorf("file completed in channel %q thread %q, which no message has", c.Get("channel_id"), c.Get("thread_ts"))
			continue
		}
		var fs []struct{ ID, Title string }
		if err := json.Unmarshal([]byte(c.Get("files")), &fs); err != nil {
			t.Fatalf("completeUploadExternal files %q: %v", c.Get("files"), err)
		}
		for _, f := range fs {
			data, uploaded := s.uploads[f.ID]
			if !uploaded {
				t.Errorf("file %s completed but never uploaded", f.ID)
			}
			m.Files[f.Title] = string(data)
			done++
		}
	}
	for _, ts := range order {
		out = append(out, *byTS[ts])
	}
	return out, done >= files
}

// texts collects every "text" string inside a block, depth first.
func texts(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v["text"].(string); ok {
			out = append(out, s)
		}
		for k, x := range v {
			if k != "text" {
				out = append(out, texts(x)...)
			} else if _, ok := x.(string); !ok {
				out = append(out, texts(x)...)
			}
		}
	case []any:
		for _, x := range v {
			out = append(out, texts(x)...)
		}
	}
	return out
}

// webhookRecorder is an httptest server keeping each POSTed body.
type webhookRecorder struct {
	*httptest.Server
	mu     sync.Mutex
	bodies [][]byte
}

func newWebhookRecorder(t *testing.T) *webhookRecorder {
	t.Helper()
	h := &webhookRecorder{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil || r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Errorf("webhook got %s %q (%v), want a JSON POST", r.Method, r.Header.Get("Content-Type"), err)
		}
		h.mu.Lock()
		h.bodies = append(h.bodies, body)
		h.mu.Unlock()
	}))
	t.Cleanup(h.Close)
	return h
}

// findings decodes the bodies as file_sink lines are decoded.
func (h *webhookRecorder) findings(t *testing.T) []finding {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []finding
	for _, b := range h.bodies {
		var f finding
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatalf("webhook body %q: %v", b, err)
		}
		out = append(out, f)
	}
	return out
}

// fileBlock is a file block as JSON has it: the contents in base64.
func fileBlock(name, contents string) map[string]any {
	return map[string]any{"type": "file", "filename": name, "contents": base64.StdEncoding.EncodeToString([]byte(contents))}
}

// TestSinksEndToEnd: a finding from a real pod creation and one from a
// posted Alertmanager alert reach Slack (slacktest) and a webhook, with
// their blocks and their file.
func TestSinksEndToEnd(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	sl := newSlackRecorder(t)
	hook := newWebhookRecorder(t)
	p := startReady(t, spec{
		Kubeconfig: env.Kubeconfig(t),
		Playbooks:  fmt.Sprintf(sinkPlaybooks, sl.GetAPIURL(), hook.URL),
		Packages:   []registry.Package{playbooks.Actions, notePkg()},
		Args:       []string{"--alerts-allow-unauthenticated"},
	})

	pod := createPod(t, c, "shop", "web-1", map[string]string{"app": "web"})
	p.Findings.WaitFor(t, "the pod's finding", func(f finding) bool { return f.Playbook == "PodCreated" })
	if code, body := p.postAlerts(t, alertBody(t, "firing", "shop", "web-1")); code != http.StatusOK {
		t.Fatalf("POST /api/alerts: %d %q, want 200", code, body)
	}

	// Slack: one message per finding, its file uploaded in its thread.
	var msgs []slackMessage
	kubetest.Eventually(t, wait, "two Slack messages with a file each", func() bool {
		var ok bool
		msgs, ok = sl.messages(t, 2)
		return ok && len(msgs) >= 2
	})
	note := noteText("shop", "web-1")
	// Sorted by title (same severity, so same emoji): the alert's first.
	slices.SortFunc(msgs, func(a, b slackMessage) int { return strings.Compare(a.Header, b.Header) })
	want := []struct{ title, echo string }{{"Alert on shop/web-1", "alert seen"}, {"New pod web-1", "pod created"}}
	if len(msgs) != len(want) {
		t.Fatalf("%d Slack messages, want %d: %+v", len(msgs), len(want), msgs)
	}
	for i, w := range want {
		m := msgs[i]
		if !strings.HasSuffix(m.Header, " "+w.title) {
			t.Errorf("message %d header %q, want the emoji and %q", i, m.Header, w.title)
		}
		if d := cmp.Diff([]string{"*HIGH*", "Pod `shop/web-1`", "cluster `e2e`"}, m.Context); d != "" {
			t.Errorf("message %d context line (-want +got):\n%s", i, d)
		}
		if !slices.Contains(m.Body, w.echo) {
			t.Errorf("message %d body %q lacks the echo %q", i, m.Body, w.echo)
		}
		if d := cmp.Diff(map[string]string{"note.txt": note}, m.Files); d != "" {
			t.Errorf("message %d files (-want +got):\n%s", i, d)
		}
	}

	// Webhook: the same two findings as JSON, blocks and file included.
	got := make([]finding, 0, 2)
	kubetest.Eventually(t, wait, "two webhook findings", func() bool {
		got = hook.findings(t)
		return len(got) >= 2
	})
	enr := func(echo string) []enrichment {
		return []enrichment{{Blocks: []map[string]any{markdown(echo)}}, {Blocks: []map[string]any{fileBlock("note.txt", note)}}}
	}
	acts := []string{"create_finding", "echo", "attach_note"}
	slices.SortFunc(got, func(a, b finding) int { return strings.Compare(a.Title, b.Title) })
	wantF := []finding{
		alerted("Alerted", acts, "Alert on shop/web-1", "Alert on $namespace/$name", pod, enr("alert seen")...),
		created("PodCreated", acts, "New pod web-1", "New pod $name", "HIGH", subjectOf("Pod", pod), enr("pod created")...),
	}
	if d := cmp.Diff(wantF, got, diffOpts); d != "" {
		t.Errorf("webhook findings (-want +got):\n%s", d)
	}
}

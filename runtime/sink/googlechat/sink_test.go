package googlechat

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

const hookPath = "/v1/spaces/AAAA/messages"

// fakeChat records each message and answers 200 with the created message,
// as Chat does, unless a scripted answer is given for that request.
type fakeChat struct {
	*httptest.Server
	mu      sync.Mutex
	queries []url.Values
	msgs    []message
	sizes   []int
	answers []http.HandlerFunc
}

func newFake(t testing.TB, answers ...http.HandlerFunc) *fakeChat {
	fc := &fakeChat{answers: answers}
	fc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var m message
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil || r.URL.Path != hookPath || r.Header.Get("Content-Type") != "application/json; charset=UTF-8" {
			t.Errorf("%s: body %v, content type %q", r.URL.Path, err, r.Header.Get("Content-Type"))
		}
		fc.mu.Lock()
		n := len(fc.msgs)
		fc.queries = append(fc.queries, r.URL.Query())
		fc.msgs = append(fc.msgs, m)
		fc.sizes = append(fc.sizes, len(body))
		fc.mu.Unlock()
		if n < len(fc.answers) && fc.answers[n] != nil {
			fc.answers[n](w, r)
			return
		}
		io.WriteString(w, `{"name": "spaces/AAAA/messages/1", "thread": {"name": "spaces/AAAA/threads/t"}}`)
	}))
	t.Cleanup(fc.Close)
	return fc
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

func newSink(t testing.TB, fc *fakeChat) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(time.Unix(0, 0))
	s, err := New(Params{Common: sink.Common{Name: "gc"}, WebhookURL: fc.URL + hookPath + "?key=SECRETKEY&token=SECRETTOKEN"},
		sink.Global{ClusterName: "prod-eu"}, WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, clock
}

func dt(top, text string) widget {
	return widget{DecoratedText: &decoratedText{TopLabel: top, Text: text, WrapText: true}}
}

func TestWriteEveryBlock(t *testing.T) {
	fc := newFake(t)
	s, _ := newSink(t, fc)
	f := sinktest.EveryBlock()
	f.Fingerprint = "abc123"
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if len(fc.msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(fc.msgs))
	}
	q := fc.queries[0]
	if q.Get("key") != "SECRETKEY" || q.Get("token") != "SECRETTOKEN" || q.Get("messageReplyOption") != "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD" {
		t.Errorf("query %v", q)
	}
	title := "🔥 firing - 🔴 HIGH - Crash loop in web"
	want := message{
		FallbackText: title,
		Thread:       &thread{ThreadKey: "robusta-abc123"},
		CardsV2: []cardRef{{CardID: "finding", Card: card{
			Header: header{Title: title, Subtitle: "Pod prod/web-1 · cluster prod-eu"},
			Sections: []section{
				{Widgets: []widget{
					{DecoratedText: &decoratedText{TopLabel: "Severity", Text: `<font color="#D32F2F"><b>HIGH</b></font>`, StartIcon: &icon{KnownIcon: "BOOKMARK"}}},
					{DecoratedText: &decoratedText{TopLabel: "Node", Text: "node-a"}},
					paragraph("web-1 restarted 5 times"),
					{ButtonList: &buttonList{Buttons: []button{{Text: "Grafana", OnClick: onClick{OpenLink: openLink{URL: "https://grafana.example/d/1"}}}}}},
				}},
				{Header: "Pod details", Widgets: []widget{
					paragraph("<b>Status</b>"),
					paragraph("<b>restarts:</b> 5"),
					{Divider: &struct{}{}},
					paragraph("• OOMKilled<br>• exit code 137"),
					dt("image", "web:1.2"),
					dt("limit", "&lt;512Mi&gt;"),
					paragraph("<b>Containers</b>"),
					dt("name: web", "<b>ready:</b> false · <b>restarts:</b> 5"),
					{ButtonList: &buttonList{Buttons: []button{{Text: "Runbook", OnClick: onClick{OpenLink: openLink{URL: "https://runbooks.example/oom"}}}}}},
					paragraph("{<br>  &#34;restarts&#34;: 5<br>}"),
					paragraph("<b>Deployment prod/web changed: 1 added, 1 modified</b>"),
					paragraph(`<font color="#D32F2F">- spec.replicas: 2</font><br><font color="#388E3C">+ spec.replicas: 3</font><br><font color="#388E3C">+ metadata.labels.tier: &#34;front&#34;</font>`),
				}},
				{Widgets: []widget{
					{DecoratedText: &decoratedText{StartIcon: &icon{KnownIcon: "DESCRIPTION"}, WrapText: true, Text: "web-1.log (14 bytes)", BottomLabel: "Not attached: Google Chat webhooks take no files"}},
					paragraph("<b>Events</b>"),
					dt("type: Warning", "<b>reason:</b> BackOff · <b>age:</b> 1m · <b>message:</b> Back-off restarting"),
				}},
			},
		}}},
	}
	if diff := cmp.Diff(want, fc.msgs[0]); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

// TestExamplePayload keeps docs/sink-examples/google_chat.json the message
// of the every-block finding, pasteable into the Card Builder.
// ROBUSTA_UPDATE_EXAMPLES=1 rewrites it.
func TestExamplePayload(t *testing.T) {
	h, sections, _ := render(sinktest.EveryBlock(), "prod-eu")
	msgs, err := pack(h, sections, "robusta-example")
	if err != nil || len(msgs) != 1 {
		t.Fatalf("%d messages, %v", len(msgs), err)
	}
	var got bytes.Buffer
	json.Indent(&got, msgs[0], "", "  ")
	path := filepath.Join("..", "..", "..", "docs", "sink-examples", "google_chat.json")
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		os.WriteFile(path, append(got.Bytes(), '\n'), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), got.String()); diff != "" {
		t.Errorf("%s is stale (-file +rendered):\n%s", path, diff)
	}
}

func TestEscapesData(t *testing.T) {
	f := &api.Finding{Title: "<b>x</b>", Description: `<a href="http://evil">click</a>`}
	f.AddEnrichment(api.MarkdownBlock("*ok* & <https://x.example/?a=1&b=2|a & b>"))
	_, sections, _ := render(f, "")
	if got := sections[0].Widgets[1].TextParagraph.Text; got != "&lt;a href=&#34;http://evil&#34;&gt;click&lt;/a&gt;" {
		t.Errorf("description %q", got)
	}
	if got, want := sections[1].Widgets[0].TextParagraph.Text, `<b>ok</b> &amp; <a href="https://x.example/?a=1&amp;b=2">a &amp; b</a>`; got != want {
		t.Errorf("markdown %q, want %q", got, want)
	}
}

// TestSplitsAndThreads: a finding over Chat's size and widget limits goes
// out as several messages a second apart in one thread, each within the
// limits, every row kept in order.
func TestSplitsAndThreads(t *testing.T) {
	fc := newFake(t)
	s, clock := newSink(t, fc)
	f := &api.Finding{Title: "big", Fingerprint: "fp"}
	rows := make([][]string, 400)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("pod-%03d", i), strings.Repeat("r", 60)}
	}
	f.AddEnrichment(api.TableBlock([]string{"pod", "reason"}, rows))
	f.AddEnrichment(api.MarkdownBlock(strings.Repeat("q", 40000)))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	n := len(fc.msgs)
	if n < 4 {
		t.Fatalf("%d messages, want the finding split", n)
	}
	var pods []string
	for i, m := range fc.msgs {
		widgets := 0
		for _, sec := range m.CardsV2[0].Card.Sections {
			widgets += len(sec.Widgets)
			for _, w := range sec.Widgets {
				if w.DecoratedText != nil && strings.HasPrefix(w.DecoratedText.TopLabel, "pod-") {
					pods = append(pods, w.DecoratedText.TopLabel)
				}
			}
		}
		if fc.sizes[i] > maxMessageBytes || widgets > maxWidgets {
			t.Errorf("message %d: %d bytes, %d widgets", i, fc.sizes[i], widgets)
		}
		if m.Thread == nil || m.Thread.ThreadKey != "robusta-fp" {
			t.Errorf("message %d thread %+v", i, m.Thread)
		}
		if h := m.CardsV2[0].Card.Header.Title; i > 0 && !strings.HasSuffix(h, fmt.Sprintf("(continued %d/%d)", i+1, n)) {
			t.Errorf("message %d header %q", i, h)
		}
	}
	if len(pods) != 400 || pods[0] != "pod-000" || pods[399] != "pod-399" {
		t.Errorf("%d rows, first %v", len(pods), pods[:min(2, len(pods))])
	}
	last := fc.msgs[n-1].CardsV2[0].Card.Sections
	if txt := last[len(last)-1].Widgets[0].TextParagraph.Text; !strings.Contains(txt, "too large for a Google Chat message") {
		t.Errorf("the oversized paragraph became %.60q", txt)
	}
	want := make([]time.Duration, n-1)
	for i := range want {
		want[i] = time.Second
	}
	if diff := cmp.Diff(want, clock.Sleeps()); diff != "" {
		t.Errorf("spacing waits (-want +got):\n%s", diff)
	}
}

func TestRetries(t *testing.T) {
	exhausted := `{"error": {"code": 429, "message": "Resource has been exhausted", "status": "RESOURCE_EXHAUSTED"}}`
	for name, tc := range map[string]struct {
		answer http.HandlerFunc
		waits  []time.Duration
	}{
		"429 with Retry-After": {answer(429, exhausted, "Retry-After", "5"), []time.Duration{5 * time.Second}},
		"429 backs off":        {answer(429, exhausted), []time.Duration{time.Second}},
		"503":                  {answer(503, "unavailable"), []time.Duration{time.Second}},
	} {
		t.Run(name, func(t *testing.T) {
			fc := newFake(t, tc.answer)
			s, clock := newSink(t, fc)
			if err := s.Write(context.Background(), &api.Finding{Title: "x"}); err != nil {
				t.Fatal(err)
			}
			if len(fc.msgs) != 2 {
				t.Errorf("%d requests, want 2", len(fc.msgs))
			}
			if diff := cmp.Diff(tc.waits, clock.Sleeps()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClientErrorIsFinalAndHidesSecrets(t *testing.T) {
	fc := newFake(t, answer(400, `{"error": {"code": 400, "message": "Invalid JSON payload", "status": "INVALID_ARGUMENT"}}`))
	s, clock := newSink(t, fc)
	err := s.Write(context.Background(), &api.Finding{Title: "x"})
	if err == nil || !retry.IsPermanent(err) || !strings.Contains(err.Error(), "INVALID_ARGUMENT") {
		t.Fatalf("error %v, want a final 400 with Chat's status", err)
	}
	if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "spaces/AAAA") {
		t.Errorf("error %q shows the webhook's path or credentials", err)
	}
	if len(fc.msgs) != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d requests, %d waits", len(fc.msgs), len(clock.Sleeps()))
	}
}

func TestParams(t *testing.T) {
	doc, _ := schema.Marshal(schema.Reflect(reflect.TypeFor[Params]()))
	sch, err := schema.Compile("mem://google_chat_sink", doc)
	if err != nil {
		t.Fatal(err)
	}
	for params, ok := range map[string]bool{
		`{"name":"g","webhook_url":"https://chat.googleapis.com/v1/spaces/A/messages?key=k&token=t"}`:                   true,
		`{"name":"g","webhook_url":"https://chat.googleapis.com/v1/spaces/A/messages","default":false,"send_svg":true}`: true,
		`{"name":"g","webhook_url":"https://chat.googleapis.com/x","space":"A"}`:                                        false,
		`{"name":"g"}`: false,
	} {
		var v any
		json.Unmarshal([]byte(params), &v)
		if err := sch.Validate(v); (err == nil) != ok {
			t.Errorf("%s: valid = %v, want %v (%v)", params, err == nil, ok, err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	f := sinktest.EveryBlock()
	b.ReportAllocs()
	for b.Loop() {
		h, sections, _ := render(f, "prod-eu")
		if _, err := pack(h, sections, "k"); err != nil {
			b.Fatal(err)
		}
	}
}

package telegram

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

const everyBlockText = "🔥 firing - 🔴 HIGH - <b>Crash loop in web</b>\n" +
	"<a href=\"https://grafana.example/d/1\">Grafana</a>\n" +
	"<b>Source:</b> <code>prod-eu</code>\n<b>Subject:</b> <code>Pod prod/web-1</code>\n\nweb-1 restarted 5 times\n\n" +
	"<b>Pod details</b>\n<b>Status</b>\n<b>restarts:</b> 5\n──────────\n• OOMKilled\n• exit code 137\n" +
	"<pre>field  value\nimage  web:1.2\nlimit  &lt;512Mi&gt;</pre>\n" +
	"<b>Containers</b>\n<pre>name  ready  restarts\nweb   false  5</pre>\n" +
	"<a href=\"https://runbooks.example/oom\">Runbook</a>\n" +
	"<pre><code class=\"language-json\">{\n  \"restarts\": 5\n}</code></pre>\n" +
	"<b>Deployment prod/web changed: 1 added, 1 modified</b>\n" +
	"<pre><code class=\"language-diff\">- spec.replicas: 2\n+ spec.replicas: 3\n+ metadata.labels.tier: \"front\"</code></pre>\n" +
	"<b>Events</b>\n<pre>type     reason   age  message\nWarning  BackOff  1m   Back-off restarting</pre>"

// TestWriteEveryBlock: the every-block finding is one sendMessage in HTML
// to the chat's topic, then the log through sendDocument.
func TestWriteEveryBlock(t *testing.T) {
	fb := newFake(t)
	s, clock := newSink(t, fb, nil)
	if err := s.Write(context.Background(), sinktest.EveryBlock()); err != nil {
		t.Fatal(err)
	}
	want := []call{
		{Method: "sendMessage", Fields: map[string]string{}, Files: map[string]string{}, Message: sendMessage{
			ChatID: "-100123", ThreadID: 7, Text: everyBlockText, ParseMode: "HTML", LinkPreview: linkPreview{IsDisabled: true},
		}},
		{Method: "sendDocument", Fields: map[string]string{"chat_id": "-100123", "message_thread_id": "7"},
			Files: map[string]string{"document": "web-1.log: line 1\nline 2\n"}},
	}
	if diff := cmp.Diff(want, fb.requests()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if len(clock.Sleeps()) != 0 {
		t.Errorf("waits %v", clock.Sleeps())
	}
}

// TestFilesAndWideTables: a PNG goes through sendPhoto, a table wider than
// four columns as a .txt document; send_files: false sends neither and
// shows the table inline.
func TestFilesAndWideTables(t *testing.T) {
	f := &api.Finding{Title: "t", Severity: api.SeverityLow}
	wide := api.Table{Name: "Nodes", Headers: []string{"a", "b", "c", "d", "e"}, Rows: [][]string{{"1", "2", "3", "4", "5"}}}
	f.AddEnrichment(wide, api.FileBlock("cpu.png", []byte("PNG")))

	fb := newFake(t)
	s, _ := newSink(t, fb, func(p *Params) { p.ThreadID = 0; p.ChatID = "@ops" })
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	got := fb.requests()
	if len(got) != 3 {
		t.Fatalf("%d calls, want 3: %+v", len(got), got)
	}
	if got[0].Message.ChatID != "@ops" || got[0].Message.ThreadID != 0 || strings.Contains(got[0].Message.Text, "<pre>") {
		t.Errorf("message %+v", got[0].Message)
	}
	if diff := cmp.Diff([]call{
		{Method: "sendDocument", Fields: map[string]string{"chat_id": "@ops"}, Files: map[string]string{"document": "Nodes.txt: a  b  c  d  e\n1  2  3  4  5\n"}},
		{Method: "sendPhoto", Fields: map[string]string{"chat_id": "@ops"}, Files: map[string]string{"photo": "cpu.png: PNG"}},
	}, got[1:]); diff != "" {
		t.Errorf("uploads (-want +got):\n%s", diff)
	}

	fb2 := newFake(t)
	no := false
	s2, _ := newSink(t, fb2, func(p *Params) { p.SendFiles = &no })
	if err := s2.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	got = fb2.requests()
	if len(got) != 1 || !strings.Contains(got[0].Message.Text, "<b>Nodes</b>\n<pre>a  b  c  d  e\n1  2  3  4  5</pre>") {
		t.Errorf("send_files false: %+v", got)
	}
}

// TestEscaping: data that looks like markup stays text, and an author's
// mrkdwn becomes tags. Robusta's legacy Markdown mode fails on "my_app".
func TestEscaping(t *testing.T) {
	f := &api.Finding{Title: "<b>my_app</b> & *co*", Description: "a<b>&c", Severity: api.SeverityInfo}
	f.AddEnrichment(api.MarkdownBlock("*x* <https://e.example/?a=1&b=\"2\"|see> `a<b`"))
	text := render(f, "", true).messages[0]
	for _, want := range []string{
		"<b>&lt;b&gt;my_app&lt;/b&gt; &amp; *co*</b>",
		"\na&lt;b&gt;&amp;c\n",
		`<b>x</b> <a href="https://e.example/?a=1&amp;b=&quot;2&quot;">see</a> <code>a&lt;b</code>`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
}

// TestSplitsLongText: text over 4,096 is several messages, none over the
// limit, each <pre> block closed in its own message, nothing dropped.
func TestSplitsLongText(t *testing.T) {
	var lines []string
	for i := range 400 {
		lines = append(lines, strings.Repeat("x", 20)+" line "+string(rune('a'+i%26)))
	}
	f := &api.Finding{Title: "long", Description: strings.Repeat("é<", 3000)}
	f.AddEnrichment(api.MarkdownBlock("```"+strings.Join(lines, "\n")+"```"), api.MarkdownBlock(strings.Repeat("*b* ", 2000)))
	fb := newFake(t)
	s, _ := newSink(t, fb, nil)
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	calls := fb.requests()
	if len(calls) < 5 {
		t.Fatalf("%d messages, want the text split in at least 5", len(calls))
	}
	var all strings.Builder
	for i, c := range calls {
		text := c.Message.Text
		if w := width(text); w > maxText {
			t.Errorf("message %d is %d wide", i, w)
		}
		if strings.Count(text, "<pre>") != strings.Count(text, "</pre>") || strings.Count(text, "<b>") != strings.Count(text, "</b>") {
			t.Errorf("message %d has unbalanced tags", i)
		}
		all.WriteString(plain(text))
	}
	for _, want := range []string{strings.Repeat("é<", 3000), strings.Join(lines, "\n")} {
		if !strings.Contains(strings.ReplaceAll(all.String(), "\n", ""), strings.ReplaceAll(want, "\n", "")) {
			t.Errorf("the messages do not hold %.40q...", want)
		}
	}
}

// TestRetries: a 429 waits parameters.retry_after, a 500 backs off, and a
// 400 fails at once with Telegram's description and no token.
func TestRetries(t *testing.T) {
	fb := newFake(t,
		answer(429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}`),
		answer(500, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`),
	)
	s, clock := newSink(t, fb, nil)
	if err := s.Write(context.Background(), &api.Finding{Title: "t"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{7 * time.Second, 2 * time.Second}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	if n := len(fb.requests()); n != 3 {
		t.Errorf("%d calls, want 3", n)
	}

	bad := newFake(t, answer(400, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`))
	s, clock = newSink(t, bad, nil)
	err := s.Write(context.Background(), sinktest.EveryBlock())
	if err == nil || !strings.Contains(err.Error(), "chat not found") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error %v: want Telegram's description, no token", err)
	}
	if n := len(bad.requests()); n != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d calls and waits %v after a 400, want 1 and none", n, clock.Sleeps())
	}
}

// TestExamplePayload keeps docs/sink-examples/telegram.json the
// sendMessage body of the every-block finding. ROBUSTA_UPDATE_EXAMPLES=1
// rewrites it.
func TestExamplePayload(t *testing.T) {
	text := render(sinktest.EveryBlock(), "prod-eu", true).messages[0]
	got, err := json.MarshalIndent(sendMessage{ChatID: "-1001234567890", Text: text, ParseMode: "HTML", LinkPreview: linkPreview{IsDisabled: true}}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "..", "docs", "sink-examples", "telegram.json")
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), string(got)); diff != "" {
		t.Errorf("%s is stale (-file +rendered):\n%s", path, diff)
	}
}

func BenchmarkRender(b *testing.B) {
	f := sinktest.EveryBlock()
	b.ReportAllocs()
	for b.Loop() {
		r := render(f, "prod-eu", true)
		for _, m := range r.messages {
			if _, err := json.Marshal(sendMessage{ChatID: "1", Text: m, ParseMode: "HTML"}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

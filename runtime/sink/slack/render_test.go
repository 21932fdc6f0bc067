package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// everyBlock is the shared finding with every block type.
func everyBlock() *api.Finding { return sinktest.EveryBlock() }

func TestPostedBlocks(t *testing.T) {
	fs := newFakeSlack(t)
	s := testSink(t, fs, newFakeClock(), Params{}, nil)
	if err := s.Write(context.Background(), everyBlock()); err != nil {
		t.Fatal(err)
	}
	if len(fs.posts) != 1 {
		t.Fatalf("%d messages posted, want 1", len(fs.posts))
	}
	post := fs.posts[0]
	for k, v := range map[string]string{"channel": "alerts", "text": "🔴 Crash loop in web", "thread_ts": "", "unfurl_links": "false", "unfurl_media": "false"} {
		if got := post.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	const wantBlocks = `[
	  {"type": "header", "text": {"type": "plain_text", "text": "🔴 Crash loop in web", "emoji": true}},
	  {"type": "context", "elements": [
	    {"type": "mrkdwn", "text": "*HIGH*"},
	    {"type": "mrkdwn", "text": "Pod ` + "`prod/web-1`" + `"},
	    {"type": "mrkdwn", "text": "node ` + "`node-a`" + `"},
	    {"type": "mrkdwn", "text": "cluster ` + "`prod-eu`" + `"}
	  ]}
	]`
	assertJSON(t, "blocks", post.Get("blocks"), wantBlocks)
	const wantAttachments = `[{"color": "#D32F2F", "blocks": [
	  {"type": "section", "text": {"type": "mrkdwn", "text": "web-1 restarted 5 times"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "<https://grafana.example/d/1|Grafana>"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*Pod details*"}},
	  {"type": "header", "text": {"type": "plain_text", "text": "Status", "emoji": true}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*restarts:* 5"}},
	  {"type": "divider"},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "• OOMKilled\n• exit code 137"}},
	  {"type": "section", "fields": [
	    {"type": "mrkdwn", "text": "*field*"}, {"type": "mrkdwn", "text": "*value*"},
	    {"type": "mrkdwn", "text": "image"}, {"type": "mrkdwn", "text": "web:1.2"},
	    {"type": "mrkdwn", "text": "limit"}, {"type": "mrkdwn", "text": "&lt;512Mi&gt;"}
	  ]},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*Containers*"}},
	  {"type": "section", "fields": [
	    {"type": "mrkdwn", "text": "*name:* web\n*ready:* false\n*restarts:* 5"}
	  ]},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "<https://runbooks.example/oom|Runbook>"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "` + "```" + `\n{\n  \"restarts\": 5\n}\n` + "```" + `"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*Deployment prod/web changed:* 1 added, 1 modified"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "` + "```" + `\n- spec.replicas: 2\n+ spec.replicas: 3\n+ metadata.labels.tier: \"front\"\n` + "```" + `"}}
	]}]`
	assertJSON(t, "attachments", post.Get("attachments"), wantAttachments)

	// The log and the wide table went to the thread of that message.
	var names []string
	for _, g := range fs.getURLs {
		names = append(names, g.Get("filename"))
	}
	if want := []string{"web-1.log", "Events.txt"}; !cmp.Equal(names, want) {
		t.Errorf("uploaded %v, want %v", names, want)
	}
	if got := string(fs.uploads["F001"]); got != "line 1\nline 2\n" {
		t.Errorf("log upload = %q", got)
	}
	wantTable := "Events\n\ntype     reason   age  message\nWarning  BackOff  1m   Back-off restarting\n"
	if got := string(fs.uploads["F002"]); got != wantTable {
		t.Errorf("table upload = %q, want %q", got, wantTable)
	}
	if len(fs.completes) != 2 {
		t.Fatalf("%d files shared, want 2", len(fs.completes))
	}
	for i, c := range fs.completes {
		if c.Get("channel_id") != "C-alerts" || c.Get("thread_ts") != "1700000000.000001" {
			t.Errorf("file %d shared to channel_id %q thread_ts %q, want C-alerts 1700000000.000001", i, c.Get("channel_id"), c.Get("thread_ts"))
		}
	}
}

// assertJSON compares two JSON documents by value.
func assertJSON(t *testing.T, what, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s: %v in %s", what, err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: bad expectation: %v", what, err)
	}
	if d := cmp.Diff(w, g); d != "" {
		t.Errorf("%s differ (-want +got):\n%s", what, d)
	}
}

// attachmentBlocks decodes the blocks of a posted message's attachment.
func attachmentBlocks(t *testing.T, post map[string][]string) []map[string]any {
	t.Helper()
	var atts []struct {
		Color  string           `json:"color"`
		Blocks []map[string]any `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(post["attachments"][0]), &atts); err != nil || len(atts) != 1 {
		t.Fatalf("attachments %v: %v", post["attachments"], err)
	}
	return atts[0].Blocks
}

func sectionText(b map[string]any) string {
	text, _ := b["text"].(map[string]any)
	s, _ := text["text"].(string)
	return s
}

func TestLongMarkdownSplitsAtLines(t *testing.T) {
	// 70 lines, the first of 100 characters, the others of 99: 7,000
	// characters with the newlines.
	var lines []string
	for i := range 70 {
		lines = append(lines, fmt.Sprintf("%02d%s", i, strings.Repeat("x", 97)))
	}
	lines[0] += "x"
	text := strings.Join(lines, "\n")
	if len(text) != 7000 {
		t.Fatalf("text is %d characters", len(text))
	}
	fs := newFakeSlack(t)
	s := testSink(t, fs, newFakeClock(), Params{}, nil)
	f := &api.Finding{Title: "long"}
	f.AddEnrichment(api.MarkdownBlock(text))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	blocks := attachmentBlocks(t, fs.posts[0])
	if len(blocks) != 3 {
		t.Fatalf("%d sections, want 3", len(blocks))
	}
	var parts []string
	for i, b := range blocks {
		part := sectionText(b)
		if len(part) > maxSectionText {
			t.Errorf("section %d has %d characters", i, len(part))
		}
		for _, l := range strings.Split(part, "\n") {
			if !slices.Contains(lines, l) {
				t.Errorf("section %d holds a partial line %.10q... (%d characters)", i, l, len(l))
			}
		}
		parts = append(parts, part)
	}
	if strings.Join(parts, "\n") != text {
		t.Error("the sections do not join back into the text")
	}
	// 30 lines fill the first section exactly (3,000), 30 and 10 follow.
	if got := []int{len(parts[0]), len(parts[1]), len(parts[2])}; !cmp.Equal(got, []int{3000, 2999, 999}) {
		t.Errorf("section lengths %v, want 3000, 2999 and 999", got)
	}
}

func TestLongLineSplitsHard(t *testing.T) {
	// One 7,000-character line of 2-byte runes: broken, never mid-rune.
	line := strings.Repeat("é", 7000)
	got := splitLines(line, maxSectionText)
	if len(got) != 3 || strings.Join(got, "") != line {
		t.Fatalf("split into %d parts that join back: %v", len(got), strings.Join(got, "") == line)
	}
	for i, p := range got {
		if width(p) > maxSectionText || !utf8.ValidString(p) {
			t.Errorf("part %d: width %d, valid %v", i, width(p), utf8.ValidString(p))
		}
	}
}

func TestHeaderTruncated(t *testing.T) {
	b := header(strings.Repeat("h", 200)).(*slack.HeaderBlock)
	if w := width(b.Text.Text); w != maxHeaderText || !strings.HasSuffix(b.Text.Text, "…") {
		t.Errorf("header of width %d: %q", w, b.Text.Text)
	}
}

func TestThreadContinuation(t *testing.T) {
	fs := newFakeSlack(t)
	s := testSink(t, fs, newFakeClock(), Params{}, nil)
	f := &api.Finding{Title: "many blocks", Severity: api.SeverityLow}
	for i := range 60 {
		f.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("block %d", i)))
	}
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if len(fs.posts) != 2 {
		t.Fatalf("%d messages, want 2", len(fs.posts))
	}
	first, second := fs.posts[0], fs.posts[1]
	var head []any
	json.Unmarshal([]byte(first.Get("blocks")), &head)
	firstBody, secondBody := attachmentBlocks(t, first), attachmentBlocks(t, second)
	if n := len(head) + len(firstBody); n != maxMessageBlocks {
		t.Errorf("first message has %d blocks, want %d", n, maxMessageBlocks)
	}
	if first.Get("thread_ts") != "" {
		t.Errorf("first message is in thread %q", first.Get("thread_ts"))
	}
	if got := second.Get("thread_ts"); got != "1700000000.000001" {
		t.Errorf("second message thread_ts = %q, want the first message's ts", got)
	}
	if second.Get("blocks") != "" || second.Get("channel") != "alerts" || second.Get("text") != "🟡 many blocks (continued)" {
		t.Errorf("second message: blocks %q channel %q text %q", second.Get("blocks"), second.Get("channel"), second.Get("text"))
	}
	// Every block arrived once, in order.
	var got []string
	for _, b := range append(firstBody, secondBody...) {
		got = append(got, sectionText(b))
	}
	var want []string
	for i := range 60 {
		want = append(want, fmt.Sprintf("block %d", i))
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("blocks across the two messages (-want +got):\n%s", d)
	}
}

func TestTextBudgetSplitsMessages(t *testing.T) {
	// Five full sections (15,000 characters) pass the 12,000 budget.
	f := &api.Finding{Title: "big"}
	for range 5 {
		f.AddEnrichment(api.MarkdownBlock(strings.Repeat("y", maxSectionText)))
	}
	msgs := render(f, "").messages()
	if len(msgs) != 2 || len(msgs[0].body) != 3 || len(msgs[1].body) != 2 {
		t.Errorf("messages of %d and %d blocks, want 3 and 2", len(msgs[0].body), len(msgs[1].body))
	}
}

func TestWideTableAndBigJSONBecomeFiles(t *testing.T) {
	f := &api.Finding{Title: "files"}
	big := map[string]string{}
	for i := range 200 {
		big[fmt.Sprint("key", i)] = strings.Repeat("v", 20)
	}
	f.AddEnrichment(
		api.TableBlock([]string{"a", "b", "c", "d"}, [][]string{{"1", "2", "3", "4"}}),
		api.JSONBlock(big),
		&api.Markdown{Text: "by pointer"},
	)
	r := render(f, "")
	if len(r.files) != 2 || r.files[0].name != "table.txt" || r.files[1].name != "data.json" {
		t.Errorf("files %+v", r.files)
	}
	if len(r.body) != 1 || sectionText(toMap(t, r.body[0])) != "by pointer" {
		t.Errorf("body %+v", r.body)
	}
}

func TestNarrowTableFieldLimit(t *testing.T) {
	var rows [][]string
	for i := range 12 {
		rows = append(rows, []string{fmt.Sprint("k", i), fmt.Sprint("v", i)})
	}
	// 2 header fields + 24 cells: sections of 10, 10 and 6 fields.
	blocks := fieldSections(tableFields(api.TableBlock([]string{"k", "v"}, rows), 2))
	var got []int
	for _, b := range blocks {
		got = append(got, len(b.(*slack.SectionBlock).Fields))
	}
	if !cmp.Equal(got, []int{10, 10, 6}) {
		t.Errorf("fields per section %v", got)
	}
}

func toMap(t *testing.T, b slack.Block) map[string]any {
	t.Helper()
	raw, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(raw, &m)
	return m
}

// TestAlertTextCannotPing: mentions in an alert's summary and description
// reach Slack as escaped text, in the notification text and the body.
func TestAlertTextCannotPing(t *testing.T) {
	fs := newFakeSlack(t)
	s := testSink(t, fs, newFakeClock(), Params{}, nil)
	f := &api.Finding{Title: "<!channel> disk full", Description: "ask <@U123> or <!here> & co", Severity: api.SeverityHigh}
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	post := fs.posts[0]
	if got, want := post.Get("text"), "🔴 &lt;!channel&gt; disk full"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	// The JSON fields hide < and & behind \u escapes: decode them first.
	// The blocks are left out: they hold the header, plain_text, which
	// Slack shows as written and never parses for mentions.
	all := post.Get("text")
	for _, k := range []string{"attachments"} {
		var v any
		if err := json.Unmarshal([]byte(post.Get(k)), &v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		all += fmt.Sprint(v)
	}
	for _, m := range []string{"<!channel>", "<!here>", "<@U123>"} {
		if strings.Contains(all, m) {
			t.Errorf("message carries %s unescaped:\n%s", m, all)
		}
	}
	if !strings.Contains(all, `ask &lt;@U123&gt; or &lt;!here&gt; &amp; co`) {
		t.Errorf("message lacks the escaped description:\n%s", all)
	}
}

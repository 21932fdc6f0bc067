package slack

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/group"
)

// grouped is a slack_sink behind the real grouper, in summary mode by
// identifier, threaded.
func grouped(t *testing.T, fs *fakeSlack, p Params) sink.Sink {
	t.Helper()
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	yes := true
	g := sink.Grouping{Interval: 3600, NotificationMode: &sink.NotificationMode{Summary: &sink.SummaryMode{Threaded: &yes}}}
	out, err := group.New(testSink(t, fs, newFakeClock(), p, nil), g, group.Options{
		Cluster: "prod-eu", Now: func() time.Time { return now }, SweepEvery: -1,
		Read: func(f *api.Finding, name string) string {
			if name == "identifier" {
				return f.AggregationKey
			}
			return ""
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func alert(title, key string) *api.Finding {
	return &api.Finding{Title: title, AggregationKey: key, Severity: api.SeverityHigh,
		Subject: api.Subject{Kind: "Pod", Name: "web-1", Namespace: "prod", Labels: map[string]string{"team": "a"}}}
}

// The group's first finding posts the summary and replies under it; later
// ones update the summary with chat.update (channel ID, the summary's ts)
// and reply in its thread, files included.
func TestSummaryPostedUpdatedThreaded(t *testing.T) {
	fs := newFakeSlack(t)
	s := grouped(t, fs, Params{})
	withFile := alert("KubePodCrashLooping firing", "KubePodCrashLooping")
	withFile.AddEnrichment(api.FileBlock("web-1.log", []byte("boom\n")))
	for _, f := range []*api.Finding{alert("KubePodCrashLooping firing", "KubePodCrashLooping"), alert("OOM", "OOMKill"), withFile} {
		if err := s.Write(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	if len(fs.posts) != 4 || len(fs.updates) != 2 {
		t.Fatalf("%d posts and %d updates, want 4 and 2", len(fs.posts), len(fs.updates))
	}
	summary := fs.posts[0]
	const summaryTS = "1700000000.000001"
	if summary.Get("thread_ts") != "" || summary.Get("text") != "Alerts Summary - 1 Notifications" || summary.Get("channel") != "alerts" {
		t.Errorf("summary post %v", summary)
	}
	assertJSON(t, "summary blocks", summary.Get("blocks"), `[
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*Alerts Summary - 1 Notifications*"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*Cluster:* `+"`prod-eu`"+`"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*Matching criteria*: `+"`cluster: prod-eu`"+`"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "*Time interval:* `+"`1 hour`"+` starting at `+"`<!date^1796299200^{date_num} {time}|2026-12-03 12:00 UTC>`"+`"}},
	  {"type": "section", "text": {"type": "mrkdwn", "text": "`+"```"+`\nnotification         Fired  Resolved\nKubePodCrashLooping  1      0\n`+"```"+`"}}
	]`)
	for i, p := range fs.posts[1:] {
		if p.Get("thread_ts") != summaryTS || p.Get("channel") != "alerts" {
			t.Errorf("reply %d: thread_ts %q channel %q", i, p.Get("thread_ts"), p.Get("channel"))
		}
	}
	if !strings.Contains(fs.posts[2].Get("text"), "OOM") {
		t.Errorf("reply 2: %v", fs.posts[2])
	}
	for i, u := range fs.updates {
		if u.Get("channel") != "C-alerts" || u.Get("ts") != summaryTS {
			t.Errorf("update %d: channel %q ts %q", i, u.Get("channel"), u.Get("ts"))
		}
	}
	last := fs.updates[1]
	if last.Get("text") != "Alerts Summary - 3 Notifications" ||
		!strings.Contains(last.Get("blocks"), `notification         Fired  Resolved\nKubePodCrashLooping  2      0\nOOMKill              1      0`) {
		t.Errorf("last update: text %q blocks %s", last.Get("text"), last.Get("blocks"))
	}
	if len(fs.completes) != 1 || fs.completes[0].Get("thread_ts") != summaryTS || fs.completes[0].Get("channel_id") != "C-alerts" {
		t.Errorf("file shares %v, want one in the summary's thread", fs.completes)
	}
}

// With channel_override, each channel has its own group: its summary, its
// updates and its thread.
func TestSummaryPerChannel(t *testing.T) {
	fs := newFakeSlack(t)
	s := grouped(t, fs, Params{ChannelOverride: "labels.team"})
	a, b := alert("a", "A"), alert("b", "A")
	b.Subject.Labels = map[string]string{"team": "b"}
	for _, f := range []*api.Finding{a, b, a} {
		if err := s.Write(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, p := range fs.posts {
		got = append(got, p.Get("channel")+":"+p.Get("thread_ts")+":"+p.Get("text"))
	}
	want := []string{"a::Alerts Summary - 1 Notifications", "a:1700000000.000001:🔴 a",
		"b::Alerts Summary - 1 Notifications", "b:1700000000.000003:🔴 b", "a:1700000000.000001:🔴 a"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("posts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(fs.updates) != 1 || fs.updates[0].Get("channel") != "C-a" {
		t.Errorf("updates %v", fs.updates)
	}
}

// A table too long for a section keeps its busiest rows and counts the
// rest, so that the numbers add up to the title's.
func TestSummaryTableCut(t *testing.T) {
	sum := &sink.Summary{Headers: []string{"notification"}}
	for i := range 400 {
		sum.Rows = append(sum.Rows, sink.SummaryRow{Values: []string{fmt.Sprintf("Alert%03d", i)}, Fired: 400 - i, Resolved: 1})
	}
	text := summaryTable(sum, maxSectionText-8)
	if width(text) > maxSectionText-8 {
		t.Fatalf("table of %d characters", width(text))
	}
	lines := strings.Split(strings.Trim(text, "`\n"), "\n")
	shown := len(lines) - 2 // the header and the note
	fired, resolved := 0, 0
	for _, r := range sum.Rows[shown:] {
		fired, resolved = fired+r.Fired, resolved+r.Resolved
	}
	if want := fmt.Sprintf("... %d more groups (%d fired, %d resolved) not shown", 400-shown, fired, resolved); lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}
	if !strings.HasPrefix(lines[1], "Alert000") {
		t.Errorf("first row %q, want the busiest", lines[1])
	}
}

// An update that Slack refuses is returned; the summary message is kept
// for the next finding's update.
func TestSummaryUpdateFails(t *testing.T) {
	fs := newFakeSlack(t)
	s := grouped(t, fs, Params{})
	ctx := context.Background()
	if err := s.Write(ctx, alert("a", "A")); err != nil {
		t.Fatal(err)
	}
	fs.fail("chat.update", failure{status: 200, body: `{"ok": false, "error": "cant_update_message"}`})
	if err := s.Write(ctx, alert("b", "A")); err == nil || !strings.Contains(err.Error(), "cant_update_message") {
		t.Errorf("Write: %v", err)
	}
	if err := s.Write(ctx, alert("c", "A")); err != nil {
		t.Fatal(err)
	}
	if len(fs.updates) != 1 || !strings.Contains(fs.updates[0].Get("blocks"), `A             3      0`) {
		t.Errorf("updates %v", fs.updates)
	}
	if n := fs.callCount("chat.postMessage"); n != 4 {
		t.Errorf("%d posts, want the summary and three replies", n)
	}
}

// Criteria, cluster and table values are cluster data: escaped, so a
// label value cannot ping a channel.
func TestSummaryEscapesData(t *testing.T) {
	m := summaryMessage(&sink.Summary{Cluster: "<!here>", Criteria: []string{"labels: app=<!channel>"}, Headers: []string{"label:owner"},
		Rows: []sink.SummaryRow{{Values: []string{"<@U123>"}, Fired: 1}}})
	var all []string
	for _, b := range m.blocks {
		all = append(all, b.(*slack.SectionBlock).Text.Text)
	}
	text := strings.Join(all, "\n")
	for _, raw := range []string{"<!here>", "<!channel>", "<@U123>"} {
		if strings.Contains(text, raw) {
			t.Errorf("%s unescaped in:\n%s", raw, text)
		}
	}
	if !strings.Contains(text, "&lt;@U123&gt;") {
		t.Errorf("table value missing:\n%s", text)
	}
}

package group

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

func summary(threaded bool, interval int, groupBy []sink.GroupAttr, by ...sink.GroupAttr) sink.Grouping {
	return sink.Grouping{GroupBy: groupBy, Interval: interval,
		NotificationMode: &sink.NotificationMode{Summary: &sink.SummaryMode{Threaded: &threaded, By: by}}}
}

func resolvedFinding(title, key, ns string) *api.Finding {
	f := finding("[RESOLVED] "+title, key, ns)
	return f
}

// On a Summarizer the group's first finding posts the summary, each later
// one updates it with the counts by the by attributes (fired and resolved,
// busiest first), and every finding is a reply in its thread.
func TestSummaryPostedUpdatedThreaded(t *testing.T) {
	c := newClock()
	s := &summarizer{}
	g := newGrouper(t, s, summary(true, 3600, nil, sink.GroupAttr{Name: "identifier"}, sink.GroupAttr{Name: "severity"}), c)
	write(t, g, finding("crash", "CrashLoop", "prod"))
	write(t, g, finding("oom", "OOMKill", "prod"))
	oom2 := finding("oom2", "OOMKill", "prod")
	oom2.Severity = api.SeverityLow
	write(t, g, oom2, finding("oom3", "OOMKill", "dev"), resolvedFinding("crash", "CrashLoop", "prod"))
	wantLog(t, s.take(),
		"post msg1 CrashLoop/HIGH=1+0", "reply msg1 crash",
		"update msg1 CrashLoop/HIGH=1+0,OOMKill/HIGH=1+0", "reply msg1 oom",
		"update msg1 CrashLoop/HIGH=1+0,OOMKill/HIGH=1+0,OOMKill/LOW=1+0", "reply msg1 oom2",
		"update msg1 OOMKill/HIGH=2+0,CrashLoop/HIGH=1+0,OOMKill/LOW=1+0", "reply msg1 oom3",
		"update msg1 OOMKill/HIGH=2+0,CrashLoop/HIGH=1+1,OOMKill/LOW=1+0", "reply msg1 [RESOLVED] crash",
	)
	sum := s.last
	if got := strings.Join(sum.Headers, ","); got != "notification,severity" {
		t.Errorf("headers %q", got)
	}
	if got := strings.Join(sum.Criteria, ","); got != "cluster: eu" {
		t.Errorf("criteria %q", got)
	}
	if sum.Total() != 5 || !sum.Start.Equal(newClock().t) || sum.Interval != time.Hour || sum.IntervalText() != "1 hour" {
		t.Errorf("summary total %d, start %v, interval %v", sum.Total(), sum.Start, sum.Interval)
	}
}

// Once interval has passed since a group's first finding, the next one
// starts a new summary message with new counts.
func TestSummaryIntervalEnds(t *testing.T) {
	c := newClock()
	s := &summarizer{}
	g := newGrouper(t, s, summary(false, 600, nil), c)
	write(t, g, finding("a", "A", "prod"))
	c.advance(10 * time.Minute)
	write(t, g, finding("b", "A", "prod")) // exactly the interval: same group
	c.advance(time.Second)
	write(t, g, finding("c", "A", "prod"))
	wantLog(t, s.take(), "post msg1 A=1+0", "update msg1 A=2+0", "post msg2 A=1+0")
	if !s.last.Start.Equal(c.t) {
		t.Errorf("new summary starts %v, want %v", s.last.Start, c.t)
	}
}

// threaded: false sends the summary alone; groups by group_by values
// (labels here) each get their own summary.
func TestSummaryNotThreadedGroupsByLabel(t *testing.T) {
	c := newClock()
	s := &summarizer{}
	g := newGrouper(t, s, summary(false, 600, []sink.GroupAttr{{Name: "labels", Keys: []string{"app"}}}), c)
	web, api1, none := finding("w", "A", "prod"), finding("x", "A", "prod"), finding("n", "A", "prod")
	web.Subject.Labels = map[string]string{"app": "web"}
	api1.Subject.Labels = map[string]string{"app": "api"}
	write(t, g, web, api1, web, none)
	wantLog(t, s.take(), "post msg1 A=1+0", "post msg2 A=1+0", "update msg1 A=2+0", "post msg3 A=1+0")
	if got := strings.Join(s.last.Criteria, ","); got != "labels: app=(undefined)" {
		t.Errorf("criteria %q", got)
	}
}

// A summary that cannot be posted does not cost the finding: it goes out
// on its own.
func TestSummaryPostFailsFindingSent(t *testing.T) {
	s := &summarizer{failing: true}
	g := newGrouper(t, s, summary(true, 600, nil), newClock())
	err := g.Write(context.Background(), finding("a", "A", "prod"))
	if err == nil || !strings.Contains(err.Error(), "posting the group's summary: post failed") {
		t.Errorf("Write: %v", err)
	}
	wantLog(t, s.take(), "write a")
}

// A sink that routes findings (Slack's channel_override) gets one group,
// summary and thread per destination.
func TestSummaryGroupsPerRoute(t *testing.T) {
	s := &routed{}
	g := newGrouper(t, s, summary(true, 600, nil), newClock())
	a, b := finding("a", "A", "prod"), finding("b", "A", "prod")
	a.Subject.Labels = map[string]string{"channel": "team-a"}
	b.Subject.Labels = map[string]string{"channel": "team-b"}
	write(t, g, a, b)
	wantLog(t, s.take(), "post msg1 A=1+0", "reply msg1 a", "post msg2 A=1+0", "reply msg2 b")
}

// A sink that cannot update a message gets each finding as it comes
// (threaded) and the group's summary as a report when its interval ends,
// from the sweep or at Close.
func TestSummaryDigestElsewhere(t *testing.T) {
	c := newClock()
	rec := &recorder{}
	g := newGrouper(t, rec, summary(true, 600, []sink.GroupAttr{{Name: "namespace"}}, sink.GroupAttr{Name: "identifier"}), c)
	write(t, g, finding("a", "A", "prod"), finding("b", "B", "prod"), finding("a", "A", "prod"), resolvedFinding("a", "A", "prod"))
	write(t, g, finding("d", "A", "dev"))
	g.sweep(context.Background())
	wantLog(t, rec.take(), "write a", "write b", "write a", "write [RESOLVED] a", "write d") // nothing ended yet
	c.advance(601 * time.Second)
	g.sweep(context.Background())
	got := rec.take()
	if len(got) != 2 || got[0] != "write Alerts Summary - 4 Notifications" && got[1] != "write Alerts Summary - 4 Notifications" {
		t.Fatalf("after the interval the sink got %q", got)
	}
	var prod *api.Finding
	for _, f := range rec.found[len(rec.found)-2:] {
		if f.Title == "Alerts Summary - 4 Notifications" {
			prod = f
		}
	}
	blocks := prod.Enrichments[0].Blocks
	about, counts := blocks[0].(api.Table), blocks[1].(api.Table)
	if got := tableText(about); got != "Cluster|eu;Time interval|10 minutes starting at 2026-12-03 12:00 UTC;Matching criteria|namespace: prod" {
		t.Errorf("about table %q", got)
	}
	if got := strings.Join(counts.Headers, "|") + ";" + tableText(counts); got != "notification|Fired|Resolved;A|2|1;B|1|0" {
		t.Errorf("counts table %q", got)
	}
	if prod.Type != api.TypeReport || prod.Severity != api.SeverityInfo || prod.Fingerprint == "" {
		t.Errorf("summary finding %+v", prod)
	}
	if len(g.groups) != 0 {
		t.Errorf("%d groups left after their interval", len(g.groups))
	}

	// At Close the open groups send what they have.
	write(t, g, finding("e", "E", "prod"))
	if err := g.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantLog(t, rec.take(), "write e", "write Alerts Summary - 1 Notifications")
	if !rec.closed {
		t.Error("inner sink not closed")
	}
	if err := g.Write(context.Background(), finding("f", "F", "prod")); err != sink.ErrClosed {
		t.Errorf("Write after Close: %v", err)
	}
}

// Without threaded, a sink that cannot update gets the summary only.
func TestSummaryDigestOnly(t *testing.T) {
	c := newClock()
	rec := &recorder{}
	g := newGrouper(t, rec, summary(false, 60, nil), c)
	write(t, g, finding("a", "A", "prod"), finding("b", "A", "prod"))
	c.advance(61 * time.Second)
	write(t, g, finding("c", "A", "prod")) // a Write sweeps too
	wantLog(t, rec.take(), "write Alerts Summary - 2 Notifications")
}

// An absent notification_mode is the summary mode Robusta means:
// threaded, by identifier, one group per cluster.
func TestSummaryDefaults(t *testing.T) {
	s := &summarizer{}
	g := newGrouper(t, s, sink.Grouping{}, newClock())
	write(t, g, finding("a", "A", "prod"))
	wantLog(t, s.take(), "post msg1 A=1+0", "reply msg1 a")
	if g.window != 15*time.Minute {
		t.Errorf("interval %v", g.window)
	}
}

func tableText(t api.Table) string {
	var rows []string
	for _, r := range t.Rows {
		rows = append(rows, strings.Join(r, "|"))
	}
	return strings.Join(rows, ";")
}

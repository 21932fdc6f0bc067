package group

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

// recorder is a sink that records what it gets, in order, as text.
type recorder struct {
	mu     sync.Mutex
	log    []string
	found  []*api.Finding
	closed bool
}

func (r *recorder) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = append(r.log, s)
}

func (r *recorder) Write(_ context.Context, f *api.Finding) error {
	r.mu.Lock()
	r.found = append(r.found, f)
	r.mu.Unlock()
	r.add("write " + f.Title)
	return nil
}

func (r *recorder) Close(context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	return nil
}

// take returns what was recorded since the last take.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.log
	r.log = nil
	return out
}

// summarizer is a recorder that also takes summaries, as Slack does.
type summarizer struct {
	recorder
	posts   int
	failing bool // PostSummary fails
	last    *sink.Summary
	route   func(*api.Finding) string
}

func (s *summarizer) PostSummary(_ context.Context, sum *sink.Summary, first *api.Finding) (string, error) {
	if s.failing {
		return "", errors.New("post failed")
	}
	s.posts++
	ref := fmt.Sprintf("msg%d", s.posts)
	s.last = sum
	s.add("post " + ref + " " + rowsText(sum))
	return ref, nil
}

func (s *summarizer) UpdateSummary(_ context.Context, ref string, sum *sink.Summary) error {
	s.last = sum
	s.add("update " + ref + " " + rowsText(sum))
	return nil
}

func (s *summarizer) WriteReply(_ context.Context, ref string, f *api.Finding) error {
	s.add("reply " + ref + " " + f.Title)
	return nil
}

// routed is a summarizer that is also a sink.Router.
type routed struct{ summarizer }

func (r *routed) Route(f *api.Finding) string { return f.Subject.Labels["channel"] }

// rowsText writes a summary's rows as "a/b=fired+resolved,...".
func rowsText(s *sink.Summary) string {
	var parts []string
	for _, r := range s.Rows {
		parts = append(parts, fmt.Sprintf("%s=%d+%d", strings.Join(r.Values, "/"), r.Fired, r.Resolved))
	}
	return strings.Join(parts, ",")
}

// read reads the few attributes the tests group by.
func read(f *api.Finding, name string) string {
	switch name {
	case "identifier":
		return f.AggregationKey
	case "namespace":
		return f.Subject.Namespace
	case "severity":
		return f.Severity.String()
	case "title":
		return f.Title
	}
	return ""
}

// clock is a fake clock the test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{t: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)} }
func finding(title, key, ns string) *api.Finding {
	return &api.Finding{Title: title, AggregationKey: key, Severity: api.SeverityHigh, Subject: api.Subject{Kind: "Pod", Name: "p", Namespace: ns}}
}

// newGrouper wraps s with the grouping in YAML-free JSON form.
func newGrouper(t *testing.T, s sink.Sink, g sink.Grouping, c *clock) *grouper {
	t.Helper()
	out, err := New(s, g, Options{Cluster: "eu", Read: read, Now: c.now, SweepEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	return out.(*grouper)
}

func write(t *testing.T, g sink.Sink, fs ...*api.Finding) {
	t.Helper()
	for _, f := range fs {
		if err := g.Write(context.Background(), f); err != nil {
			t.Fatalf("Write %s: %v", f.Title, err)
		}
	}
}

func wantLog(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sink got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

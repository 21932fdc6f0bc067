package group

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

func TestWorkload(t *testing.T) {
	for _, c := range []struct {
		s    api.Subject
		want string
	}{
		{api.Subject{Kind: "Deployment", Name: "web"}, "web"},
		{api.Subject{Kind: "Pod", Name: "web-api-5d8f7c9b4-x2x9z", Labels: map[string]string{"pod-template-hash": "5d8f7c9b4"}}, "web-api"},
		{api.Subject{Kind: "ReplicaSet", Name: "web-5d8f7c9b4", Labels: map[string]string{"pod-template-hash": "5d8f7c9b4"}}, "web"},
		{api.Subject{Kind: "Pod", Name: "db-2", Labels: map[string]string{"controller-revision-hash": "db-7f9c", "statefulset.kubernetes.io/pod-name": "db-2"}}, "db"},
		{api.Subject{Kind: "Pod", Name: "migrate-abcde", Labels: map[string]string{"batch.kubernetes.io/job-name": "migrate", "controller-uid": "u"}}, "migrate"},
		{api.Subject{Kind: "Pod", Name: "old-xyz", Labels: map[string]string{"job-name": "old"}}, "old"},
		{api.Subject{Kind: "Pod", Name: "standalone"}, ""},
		{api.Subject{Kind: "Node", Name: "node-a"}, ""},
	} {
		if got := workload(c.s); got != c.want {
			t.Errorf("workload(%s %s) = %q, want %q", c.s.Kind, c.s.Name, got, c.want)
		}
	}
}

// group_by workload and cluster: pods of one Deployment share a group.
func TestGroupByWorkload(t *testing.T) {
	s := &summarizer{}
	g := newGrouper(t, s, summary(false, 600, []sink.GroupAttr{{Name: "cluster"}, {Name: "workload"}}), newClock())
	pod := func(name string) *api.Finding {
		f := finding(name, "A", "prod")
		f.Subject = api.Subject{Kind: "Pod", Name: name, Labels: map[string]string{"pod-template-hash": "h1"}}
		return f
	}
	write(t, g, pod("web-h1-a"), pod("web-h1-b"), pod("api-h1-a"))
	wantLog(t, s.take(), "post msg1 A=1+0", "update msg1 A=2+0", "post msg2 A=1+0")
	if got := s.last.Criteria; len(got) != 2 || got[0] != "cluster: eu" || got[1] != "workload: api" {
		t.Errorf("criteria %q", got)
	}
}

// The background sweep sends a quiet group's summary without waiting for
// another finding.
func TestBackgroundSweep(t *testing.T) {
	c := &lockedClock{t: newClock().t}
	rec := &signalling{got: make(chan *api.Finding, 4)}
	out, err := New(rec, summary(false, 60, nil), Options{Read: read, Now: c.now, SweepEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	write(t, out, finding("a", "A", "prod"))
	c.advance(61 * time.Second)
	select {
	case f := <-rec.got:
		if f.Title != "Alerts Summary - 1 Notifications" {
			t.Errorf("sink got %q", f.Title)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no summary from the background sweep")
	}
	if err := out.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(&recorder{}, sink.Grouping{}, Options{}); err == nil {
		t.Error("New without Read: no error")
	}
	both := sink.Grouping{NotificationMode: &sink.NotificationMode{Regular: &sink.RegularMode{IgnoreFirst: 1}, Summary: &sink.SummaryMode{}}}
	if _, err := New(&recorder{}, both, Options{Read: read}); err == nil {
		t.Error("New with both modes: no error")
	}
}

type signalling struct{ got chan *api.Finding }

func (s *signalling) Write(_ context.Context, f *api.Finding) error { s.got <- f; return nil }
func (s *signalling) Close(context.Context) error                   { return nil }

// lockedClock is a fake clock read from the sweep's goroutine.
type lockedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *lockedClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *lockedClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

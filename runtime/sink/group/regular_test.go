package group

import (
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink"
)

func regular(n, interval int, by ...sink.GroupAttr) sink.Grouping {
	return sink.Grouping{GroupBy: by, Interval: interval,
		NotificationMode: &sink.NotificationMode{Regular: &sink.RegularMode{IgnoreFirst: n}}}
}

// ignore_first: 3 drops a group's first three findings within the interval
// and sends the fourth and later; each group counts on its own.
func TestRegularIgnoreFirst(t *testing.T) {
	c := newClock()
	rec := &recorder{}
	g := newGrouper(t, rec, regular(3, 300, sink.GroupAttr{Name: "namespace"}), c)
	for i := range 5 {
		write(t, g, finding("a"+string(rune('0'+i)), "K", "prod"))
		c.advance(time.Second)
	}
	write(t, g, finding("b0", "K", "dev"))
	wantLog(t, rec.take(), "write a3", "write a4")
}

// The count is over a sliding window of interval: a finding older than
// the interval no longer counts, and a group quiet for an interval starts
// over.
func TestRegularWindowSlides(t *testing.T) {
	c := newClock()
	rec := &recorder{}
	g := newGrouper(t, rec, regular(1, 60), c)
	write(t, g, finding("t0", "K", "prod")) // first: ignored
	c.advance(61 * time.Second)
	write(t, g, finding("t61", "K", "prod")) // t0 is out of the window: first again
	c.advance(29 * time.Second)
	write(t, g, finding("t90", "K", "prod")) // t61 and t90 within 60s: sent
	c.advance(60 * time.Second)
	write(t, g, finding("t150", "K", "prod")) // t90 is exactly 60s back: still counts
	wantLog(t, rec.take(), "write t90", "write t150")
	if n := len(g.groups[joinKey([]string{"eu"})].window.times); n != 2 {
		t.Errorf("window holds %d times, want ignore_first+1 = 2", n)
	}
}

// A regular group quiet for an interval is dropped at the next sweep, so
// that the groups of a busy cluster do not pile up (Robusta keeps them).
func TestRegularGroupsExpire(t *testing.T) {
	c := newClock()
	g := newGrouper(t, &recorder{}, regular(1, 60, sink.GroupAttr{Name: "title"}), c)
	for _, title := range []string{"a", "b", "c"} {
		write(t, g, finding(title, "K", "prod"))
	}
	c.advance(61 * time.Second)
	write(t, g, finding("d", "K", "prod"))
	if len(g.groups) != 1 {
		t.Errorf("groups after the interval: %d, want 1", len(g.groups))
	}
}

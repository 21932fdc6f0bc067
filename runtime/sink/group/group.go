package group

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

// Options are what New needs besides the sink and its grouping.
type Options struct {
	// Cluster is the cluster attribute's value.
	Cluster string
	// Read returns a finding attribute by name (title, identifier,
	// severity, ...) as sink scopes read it. Required.
	Read func(f *api.Finding, name string) string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// SweepEvery is how often a background sweep sends the summaries of
	// ended groups to a sink without sink.Summarizer; 0 means 5s, and
	// negative means never (tests sweep by hand).
	SweepEvery time.Duration
}

// grouper is the sink New returns.
type grouper struct {
	inner   sink.Sink
	sum     sink.Summarizer // nil: summaries are findings
	router  sink.Router     // nil: one destination
	cluster string
	read    func(*api.Finding, string) string
	now     func() time.Time
	log     *slog.Logger

	window   time.Duration
	keys     []sink.GroupAttr
	regular  *sink.RegularMode // nil in summary mode
	summary  *sink.SummaryMode // nil in regular mode
	headers  []string          // the summary table's by columns
	threaded bool

	mu        sync.Mutex // serializes Write, sweep and Close; held across the sink's calls
	groups    map[string]*group
	nextSweep time.Time
	closed    bool

	stop chan struct{} // closes the background sweep
	done chan struct{}
}

// New wraps s so that findings are grouped as g says (see the package
// doc). s's sink.Summarizer and sink.Router, when it has them, are used.
func New(s sink.Sink, g sink.Grouping, o Options) (sink.Sink, error) {
	if o.Read == nil {
		return nil, errors.New("grouping: Options.Read is required")
	}
	if path, err := g.Check(); err != nil {
		return nil, fmt.Errorf("grouping %v: %w", path, err)
	}
	gr := &grouper{
		inner:   s,
		cluster: o.Cluster,
		read:    o.Read,
		now:     o.Now,
		log:     o.Logger,
		window:  g.Window(),
		keys:    g.Keys(),
		regular: g.Regular(),
		summary: g.Summary(),
		groups:  map[string]*group{},
	}
	if gr.now == nil {
		gr.now = time.Now
	}
	if gr.log == nil {
		gr.log = slog.Default()
	}
	gr.sum, _ = s.(sink.Summarizer)
	gr.router, _ = s.(sink.Router)
	if gr.summary != nil {
		gr.threaded = gr.summary.IsThreaded()
		for _, a := range gr.summary.By {
			gr.headers = append(gr.headers, a.Header()...)
		}
		if gr.sum == nil && o.SweepEvery >= 0 {
			gr.startSweep(cmpDur(o.SweepEvery, 5*time.Second))
		}
	}
	return gr, nil
}

// Write sends f, holds it back, or counts it in its group's summary.
func (g *grouper) Write(ctx context.Context, f *api.Finding) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return sink.ErrClosed
	}
	now := g.now()
	errs := []error{g.sweepLocked(ctx, now, false)}
	vals, crit := g.values(f, g.keys)
	if g.router != nil {
		if r := g.router.Route(f); r != "" {
			vals = append(vals, r)
		}
	}
	key := joinKey(vals)
	gr := g.groups[key]
	if gr == nil {
		gr = &group{start: now, criteria: crit}
		g.groups[key] = gr
	}
	gr.last = now
	if g.regular != nil {
		if !gr.window.add(now, g.window, g.regular.IgnoreFirst) {
			return errors.Join(errs...)
		}
		return errors.Join(append(errs, g.inner.Write(ctx, f))...)
	}
	return errors.Join(append(errs, g.summarize(ctx, gr, f))...)
}

// Close sends the summaries still open (to a sink without
// sink.Summarizer) and closes the sink.
func (g *grouper) Close(ctx context.Context) error {
	if g.stop != nil {
		close(g.stop)
		<-g.done
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return sink.ErrClosed
	}
	g.closed = true
	err := g.sweepLocked(ctx, g.now(), true)
	return errors.Join(err, g.inner.Close(ctx))
}

// sweepLocked drops the groups that ended, sending the summary of each to
// a sink without sink.Summarizer; all of them when all. A full pass runs
// at most once per window, unless all.
func (g *grouper) sweepLocked(ctx context.Context, now time.Time, all bool) error {
	if !all && now.Before(g.nextSweep) {
		return nil
	}
	g.nextSweep = now.Add(g.window)
	var errs []error
	for key, gr := range g.groups {
		if !all && !g.ended(gr, now) {
			g.nextSweep = minTime(g.nextSweep, g.endOf(gr))
			continue
		}
		delete(g.groups, key)
		if g.summary != nil && g.sum == nil && gr.total() > 0 {
			errs = append(errs, g.inner.Write(ctx, g.digest(gr)))
		}
	}
	return errors.Join(errs...)
}

// ended reports whether gr is over: its interval passed (summary), or it
// has been quiet for an interval (regular), as Robusta's "now - start >
// interval".
func (g *grouper) ended(gr *group, now time.Time) bool { return now.After(g.endOf(gr)) }

func (g *grouper) endOf(gr *group) time.Time {
	if g.regular != nil {
		return gr.last.Add(g.window)
	}
	return gr.start.Add(g.window)
}

// startSweep sends the summaries of ended groups every d, so that a quiet
// group's digest does not wait for the next finding.
func (g *grouper) startSweep(d time.Duration) {
	g.stop, g.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(g.done)
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-g.stop:
				return
			case <-t.C:
				g.sweep(context.Background())
			}
		}
	}()
}

// sweep is one pass of the background sweep.
func (g *grouper) sweep(ctx context.Context) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return
	}
	if err := g.sweepLocked(ctx, g.now(), false); err != nil {
		g.log.ErrorContext(ctx, "grouping: sending a summary failed", "error", err)
	}
}

func cmpDur(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

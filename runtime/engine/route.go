package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/scope"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/activity"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// router delivers findings to sinks with Robusta's semantics: a finding goes
// to the sinks its playbook names, else to every default sink; each sink in
// config order that takes it (its scope and match hold, its activity and
// mute_intervals let it take findings now) gets its own copy. A sink with
// stop: true that took one of the input's findings ends the routing of all
// of them: the sinks after it get none (see deliver).
type router struct {
	sinks  []routedSink
	logger *slog.Logger
	now    func() time.Time
	ns     *namespaceLabels
}

type routedSink struct {
	name   string
	isDef  bool
	stop   bool
	svg    bool // send_svg
	scope  *scope.Scope
	match  *scope.Matcher
	window *activity.Window // nil: always open
	// sink delivers on its own goroutine (sink.Async), so that a slow or
	// failing sink (Slack stuck in retries) delays neither the engine nor
	// the other sinks.
	sink sink.Sink
	// key is what the sink was opened with; a reload reuses the sink
	// when it is unchanged (reload.go). reused: this router took the sink
	// over from the previous engine's and did not open it.
	key    sinkKey
	reused bool
}

func newRouter(cfg *config.Config, o *options, prev *router) (*router, error) {
	logger, m := o.logger, o.metrics
	r := &router{logger: logger, now: o.now, ns: &namespaceLabels{cluster: o.cluster, now: o.now, logger: logger}}
	if prev != nil {
		r.ns = prev.ns // the same cluster: its cached labels stay good
	}
	g := sink.Global{ClusterName: cfg.Global.ClusterName}
	for _, s := range cfg.Sinks {
		failed := func(err error) (*router, error) {
			// Only the sinks this router opened: those it took over are
			// still the previous engine's.
			return nil, errors.Join(r.closeSinks(context.Background(), func(s *routedSink) bool { return !s.reused }), err)
		}
		fail := func(err error) (*router, error) { return failed(fmt.Errorf("sink %s: %w", s.Common.Name, err)) }
		var sc *scope.Scope
		if s.Common.Scope != nil {
			var err error
			if sc, err = scope.Compile(*s.Common.Scope, scope.FindingPlain, scope.FindingMaps, scope.FindingPaths...); err != nil {
				return fail(err)
			}
		}
		mt, err := scope.CompileMatch(s.Common.Match, scope.FindingPlain, scope.FindingMaps)
		if err != nil {
			return fail(err)
		}
		win, err := activity.Compile(s.Common.Activity, s.Common.MuteIntervals)
		if err != nil {
			return fail(err)
		}
		key := sinkKey{name: s.Common.Name, typ: s.Type.Key, params: string(s.Params), global: g}
		async, reused := prev.reuse(key)
		if !reused {
			impl, err := s.Type.New(s.Params, g)
			if err == nil && s.Common.Grouping != nil {
				impl, err = grouped(impl, *s.Common.Grouping, key.name, g, o)
			}
			if err != nil {
				return failed(fmt.Errorf("opening sink %s: %w", s.Common.Name, err))
			}
			async = asyncSink(impl, key.name, m, logger)
		}
		r.sinks = append(r.sinks, routedSink{
			name: key.name, isDef: s.Common.IsDefault(), stop: s.Common.Stop, svg: s.Common.SendSVG,
			scope: sc, match: mt, window: win, sink: async, key: key, reused: reused,
		})
	}
	return r, nil
}

// asyncSink wraps an opened sink in its metrics and its own goroutine.
func asyncSink(impl sink.Sink, name string, m *Metrics, logger *slog.Logger) sink.Sink {
	counted := &counting{Sink: impl, written: m.FindingsSent.WithLabelValues(name), failed: m.FindingsFailed.WithLabelValues(name),
		retried: retriesOf(m.SinkRetries, name)}
	dropped := m.FindingsDropped.WithLabelValues(name)
	return sink.Async(counted, name,
		sink.OnError(func(name string, f *api.Finding, err error) {
			logger.Error("sink failed to write finding", "sink", name, "finding", f.Title, "error", err)
		}),
		sink.OnDrop(func(name string, f *api.Finding) {
			dropped.Inc()
			logger.Error("sink queue full: dropped its oldest finding", "sink", name, "finding", f.Title)
		}))
}

// route delivers every finding of x.
func (r *router) route(ctx context.Context, x *api.Execution) {
	r.deliver(ctx, x.Findings()...)
}

// deliver offers the findings of one input to the sinks, sink by sink in
// config order, as Robusta's __handle_findings does: each sink gets every
// finding it takes, and once a sink with stop: true has taken one, the
// sinks after it get none of them. A stop sink that takes nothing (out of
// scope, outside its activity, muted) stops nothing. Robusta returns at
// the stop sink's first finding, so that sink misses the input's other
// findings although it took the first; here it gets all it takes, and
// only the later sinks are cut off.
func (r *router) deliver(ctx context.Context, fs ...*api.Finding) {
	if len(fs) == 0 {
		return
	}
	now := r.now()
	nsLabels := func(ns string) map[string]string { return r.ns.get(ctx, ns) }
	for i := range r.sinks {
		s := &r.sinks[i]
		if !s.window.Open(now) {
			continue
		}
		took := false
		for _, f := range fs {
			if !s.takes(f, nsLabels) {
				continue
			}
			took = true
			c := f.Clone()
			if !s.svg {
				dropSVGs(c)
			}
			if err := s.sink.Write(ctx, c); err != nil { // only after Close
				r.logger.Error("sink refused finding", "sink", s.name, "finding", f.Title, "error", err)
			}
		}
		if took && s.stop {
			return
		}
	}
}

// takes reports whether s is among f's sinks and its filters hold.
func (s *routedSink) takes(f *api.Finding, nsLabels func(string) map[string]string) bool {
	named := f.Sinks()
	if named == nil && !s.isDef || named != nil && !slices.Contains(named, s.name) {
		return false
	}
	sub := findingSubject(f, nsLabels)
	return s.match.Match(sub) && s.scope.Match(sub)
}

// dropSVGs removes from c, a sink's own copy, each SVG file that has a PNG
// of the same name beside it: a sink without send_svg gets the PNG only,
// as in Robusta (whose sinks drop every SVG after converting it). An SVG
// without its PNG is kept: dropping it would lose the graph.
func dropSVGs(c *api.Finding) {
	pngs := map[string]bool{}
	for _, e := range c.Enrichments {
		for _, b := range e.Blocks {
			if f, ok := b.(api.File); ok && strings.HasSuffix(f.Name, ".png") {
				pngs[strings.TrimSuffix(f.Name, ".png")] = true
			}
		}
	}
	if len(pngs) == 0 {
		return
	}
	for i := range c.Enrichments {
		e := &c.Enrichments[i]
		e.Blocks = slices.DeleteFunc(e.Blocks, func(b api.Block) bool {
			f, ok := b.(api.File)
			return ok && strings.HasSuffix(f.Name, ".svg") && pngs[strings.TrimSuffix(f.Name, ".svg")]
		})
	}
}

// counting counts a sink's deliveries and failures.
type counting struct {
	sink.Sink
	written, failed prometheus.Counter
	retried         retry.Counter
}

// retriesOf counts the retries of the sink called name into vec, its
// children made once rather than per retry.
func retriesOf(vec *prometheus.CounterVec, name string) retry.Counter {
	byReason := map[string]prometheus.Counter{}
	for _, r := range []string{retry.ReasonRateLimited, retry.ReasonServerError, retry.ReasonNetwork} {
		byReason[r] = vec.WithLabelValues(name, r)
	}
	return func(reason string) {
		if c := byReason[reason]; c != nil { // Reason gives only these; never panic on a new one
			c.Inc()
		}
	}
}

func (c *counting) Write(ctx context.Context, f *api.Finding) error {
	err := c.Sink.Write(retry.WithCounter(ctx, c.retried), f)
	if err != nil {
		c.failed.Inc()
	} else {
		c.written.Inc()
	}
	return err
}

// Close counts the retries of a sink flushing on close as those of Write.
func (c *counting) Close(ctx context.Context) error {
	return c.Sink.Close(retry.WithCounter(ctx, c.retried))
}

// close drains every sink's queue (until ctx is done) and closes it. The
// sinks drain at once, so that a slow one does not eat the others' grace.
func (r *router) close(ctx context.Context) error {
	return r.closeSinks(ctx, func(*routedSink) bool { return true })
}

// closeSinks closes, as close does, the sinks for which which is true.
func (r *router) closeSinks(ctx context.Context, which func(*routedSink) bool) error {
	errs := make([]error, len(r.sinks))
	var wg sync.WaitGroup
	for i := range r.sinks {
		s := &r.sinks[i]
		if !which(s) {
			continue
		}
		wg.Go(func() {
			if err := s.sink.Close(ctx); err != nil {
				errs[i] = fmt.Errorf("sink %s: %w", s.name, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/scope"
	"github.com/robusta-go/robusta/runtime/sink"
)

// router delivers findings to sinks with Robusta's semantics: a finding goes
// to the sinks its playbook names, else to every default sink; each sink in
// config order that takes it (its scope matches) gets its own copy; a sink
// with stop: true ends the routing of that finding.
type router struct {
	sinks  []routedSink
	logger *slog.Logger
}

type routedSink struct {
	name  string
	isDef bool
	stop  bool
	scope *scope.Scope
	match *scope.Matcher
	// sink delivers on its own goroutine (sink.Async), so that a slow or
	// failing sink (Slack stuck in retries) delays neither the engine nor
	// the other sinks.
	sink sink.Sink
}

func newRouter(cfg *config.Config, logger *slog.Logger, m *Metrics) (*router, error) {
	r := &router{logger: logger}
	g := sink.Global{ClusterName: cfg.Global.ClusterName}
	for _, s := range cfg.Sinks {
		var sc *scope.Scope
		if s.Common.Scope != nil {
			var err error
			if sc, err = scope.Compile(*s.Common.Scope, scope.FindingPlain, scope.FindingMaps, scope.FindingPaths...); err != nil {
				return nil, errors.Join(r.close(context.Background()), fmt.Errorf("sink %s: %w", s.Common.Name, err))
			}
		}
		mt, err := scope.CompileMatch(s.Common.Match, scope.FindingPlain, scope.FindingMaps)
		if err != nil {
			return nil, errors.Join(r.close(context.Background()), fmt.Errorf("sink %s: %w", s.Common.Name, err))
		}
		impl, err := s.Type.New(s.Params, g)
		if err != nil {
			return nil, errors.Join(r.close(context.Background()), fmt.Errorf("opening sink %s: %w", s.Common.Name, err))
		}
		name := s.Common.Name
		counted := &counting{Sink: impl, written: m.FindingsSent.WithLabelValues(name), failed: m.FindingsFailed.WithLabelValues(name)}
		dropped := m.FindingsDropped.WithLabelValues(name)
		async := sink.Async(counted, name,
			sink.OnError(func(name string, f *api.Finding, err error) {
				logger.Error("sink failed to write finding", "sink", name, "finding", f.Title, "error", err)
			}),
			sink.OnDrop(func(name string, f *api.Finding) {
				dropped.Inc()
				logger.Error("sink queue full: dropped its oldest finding", "sink", name, "finding", f.Title)
			}))
		r.sinks = append(r.sinks, routedSink{name: name, isDef: s.Common.IsDefault(), stop: s.Common.Stop, scope: sc, match: mt, sink: async})
	}
	return r, nil
}

// route delivers every finding of x.
func (r *router) route(ctx context.Context, x *api.Execution) {
	for _, f := range x.Findings() {
		r.deliver(ctx, f)
	}
}

func (r *router) deliver(ctx context.Context, f *api.Finding) {
	named := f.Sinks()
	for i := range r.sinks {
		s := &r.sinks[i]
		if named == nil && !s.isDef || named != nil && !slices.Contains(named, s.name) {
			continue
		}
		if sub := findingSubject(f); !s.match.Match(sub) || !s.scope.Match(sub) {
			continue
		}
		if err := s.sink.Write(ctx, f.Clone()); err != nil { // only after Close
			r.logger.Error("sink refused finding", "sink", s.name, "finding", f.Title, "error", err)
		}
		if s.stop {
			return
		}
	}
}

// counting counts a sink's deliveries and failures.
type counting struct {
	sink.Sink
	written, failed prometheus.Counter
}

func (c *counting) Write(ctx context.Context, f *api.Finding) error {
	err := c.Sink.Write(ctx, f)
	if err != nil {
		c.failed.Inc()
	} else {
		c.written.Inc()
	}
	return err
}

// close drains every sink's queue (until ctx is done) and closes it. The
// sinks drain at once, so that a slow one does not eat the others' grace.
func (r *router) close(ctx context.Context) error {
	errs := make([]error, len(r.sinks))
	var wg sync.WaitGroup
	for i, s := range r.sinks {
		wg.Go(func() {
			if err := s.sink.Close(ctx); err != nil {
				errs[i] = fmt.Errorf("sink %s: %w", s.name, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

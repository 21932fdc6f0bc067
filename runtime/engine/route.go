package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

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
	name    string
	isDef   bool
	stop    bool
	scope   *scope.Scope
	sink    sink.Sink
	written prometheus.Counter
	failed  prometheus.Counter
}

func newRouter(cfg *config.Config, logger *slog.Logger, m *Metrics) (*router, error) {
	r := &router{logger: logger}
	g := sink.Global{ClusterName: cfg.Global.ClusterName}
	for _, s := range cfg.Sinks {
		var sc *scope.Scope
		if s.Common.Scope != nil {
			var err error
			if sc, err = scope.Compile(*s.Common.Scope, scope.FindingPlain, scope.FindingMaps); err != nil {
				return nil, errors.Join(r.close(context.Background()), fmt.Errorf("sink %s: %w", s.Common.Name, err))
			}
		}
		impl, err := s.Type.New(s.Params, g)
		if err != nil {
			return nil, errors.Join(r.close(context.Background()), fmt.Errorf("opening sink %s: %w", s.Common.Name, err))
		}
		r.sinks = append(r.sinks, routedSink{
			name: s.Common.Name, isDef: s.Common.IsDefault(), stop: s.Common.Stop, scope: sc, sink: impl,
			written: m.FindingsSent.WithLabelValues(s.Common.Name),
			failed:  m.FindingsFailed.WithLabelValues(s.Common.Name),
		})
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
		if !s.scope.Match(findingSubject(f)) {
			continue
		}
		if err := s.sink.Write(ctx, f.Clone()); err != nil {
			s.failed.Inc()
			r.logger.Error("sink failed to write finding", "sink", s.name, "finding", f.Title, "error", err)
		} else {
			s.written.Inc()
		}
		if s.stop {
			return
		}
	}
}

// findingSubject exposes a finding's attributes to a sink's scope, under
// Robusta's names (identifier is the aggregation key).
func findingSubject(f *api.Finding) scope.Subject {
	return scope.Subject{
		Get: func(attr string) string {
			switch attr {
			case "title":
				return f.Title
			case "name":
				return f.Subject.Name
			case "namespace":
				return f.Subject.Namespace
			case "kind":
				return f.Subject.Kind
			case "node":
				return f.Subject.Node
			case "severity":
				return f.Severity.String()
			case "type": // Robusta's scope values are upper case: ISSUE, PROMETHEUS
				return strings.ToUpper(string(f.Type))
			case "source":
				return strings.ToUpper(string(f.Source))
			case "identifier":
				return f.AggregationKey
			}
			return ""
		},
		Map: func(attr string) map[string]string {
			switch attr {
			case "labels":
				return f.Subject.Labels
			case "annotations":
				return f.Subject.Annotations
			}
			return nil
		},
	}
}

func (r *router) close(ctx context.Context) error {
	var errs []error
	for _, s := range r.sinks {
		if err := s.sink.Close(ctx); err != nil {
			errs = append(errs, fmt.Errorf("sink %s: %w", s.name, err))
		}
	}
	return errors.Join(errs...)
}

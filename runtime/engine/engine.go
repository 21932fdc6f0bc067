package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// Engine runs the playbooks of one loaded config.
type Engine struct {
	opts      options
	playbooks []playbook
	// byKind lists, per Kubernetes kind, the playbooks with a trigger on
	// that kind or on any resource; anyResource those with an any-resource
	// trigger (used for kinds no playbook names); alerts and schedules
	// those with such triggers.
	byKind      map[string][]*playbook
	anyResource []*playbook
	alerts      []*playbook
	schedules   []*playbook
	router      *router
	// limiter holds the derived triggers' rate limits (see the package
	// doc): this engine's own, on its clock.
	limiter *api.Limiter
}

type playbook struct {
	*config.Playbook
	index       int
	actionNames []string
	// id stands for Robusta's playbook id in rate-limit keys: the name,
	// with the index appended when another playbook has the same name.
	id string
}

type options struct {
	logger  *slog.Logger
	timeout time.Duration
	cluster api.Cluster
	prom    api.PrometheusConnector
	workers int
	queue   int
	metrics *Metrics
	// now is the clock for every time-dependent decision the engine and
	// its triggers make (rate limits, fire_delay); replay injects recorded
	// times through it. Action timeouts and duration metrics stay on the
	// wall clock: they measure this process, not the recorded cluster.
	now func() time.Time
}

// Option configures an Engine.
type Option func(*options)

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithActionTimeout bounds each action's run (default 2 minutes).
func WithActionTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithCluster gives events access to the cluster.
func WithCluster(c api.Cluster) Option { return func(o *options) { o.cluster = c } }

// WithPrometheus gives actions their Prometheus connector (api.PrometheusFor).
func WithPrometheus(c api.PrometheusConnector) Option { return func(o *options) { o.prom = c } }

// WithWorkers sets how many inputs run at once (default 8).
func WithWorkers(n int) Option { return func(o *options) { o.workers = n } }

// WithQueueSize sets how many inputs each worker holds before Submit waits
// (default 128).
func WithQueueSize(n int) Option { return func(o *options) { o.queue = n } }

// WithMetrics records into m (default: metrics registered nowhere).
func WithMetrics(m *Metrics) Option { return func(o *options) { o.metrics = m } }

// WithClock sets the clock the engine's time-dependent decisions read
// (rate limits, fire_delay); default time.Now. A nil now keeps the default.
func WithClock(now func() time.Time) Option {
	return func(o *options) {
		if now != nil {
			o.now = now
		}
	}
}

// New builds an engine for cfg and opens its sinks.
func New(cfg *config.Config, opts ...Option) (*Engine, error) {
	o := options{logger: slog.Default(), timeout: 2 * time.Minute, workers: 8, queue: 128, now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	if o.metrics == nil {
		o.metrics = NewMetrics(nil)
	}
	if o.timeout <= 0 || o.workers <= 0 || o.queue <= 0 {
		return nil, errors.New("engine: timeout, workers and queue size must be positive")
	}
	r, err := newRouter(cfg, &o, nil)
	if err != nil {
		return nil, err
	}
	e := &Engine{opts: o, byKind: map[string][]*playbook{}, router: r, limiter: api.NewLimiter(o.now)}
	e.compile(cfg)
	return e, nil
}

// compile lays out cfg's playbooks and indexes them.
func (e *Engine) compile(cfg *config.Config) {
	e.playbooks = make([]playbook, len(cfg.Playbooks))
	names := map[string]int{}
	for i := range cfg.Playbooks {
		names[cfg.Playbooks[i].Name]++
	}
	for i := range cfg.Playbooks {
		pb := &e.playbooks[i]
		pb.Playbook, pb.index, pb.id = &cfg.Playbooks[i], i, cfg.Playbooks[i].Name
		if names[pb.id] > 1 {
			pb.id += "#" + strconv.Itoa(i)
		}
		for _, a := range pb.Actions {
			pb.actionNames = append(pb.actionNames, a.Action.Name)
		}
	}
	e.index()
}

// Schedules returns the on_schedule trigger of each scheduled playbook, by
// the index Pool.SubmitSchedule and Dispatcher.Schedule take.
func (e *Engine) Schedules() []*trigger.Trigger {
	ts := make([]*trigger.Trigger, len(e.schedules))
	for i, pb := range e.schedules {
		for _, t := range pb.Triggers {
			if t.Spec.Class == trigger.Schedule {
				ts[i] = t
				break
			}
		}
	}
	return ts
}

// Kinds returns the Kubernetes kinds some playbook has a typed trigger on;
// the runner starts informers for these only.
func (e *Engine) Kinds() []string {
	ks := make([]string, 0, len(e.byKind))
	for k := range e.byKind {
		ks = append(ks, k)
	}
	return ks
}

// WantsAnyResource reports whether a playbook listens to every kind.
func (e *Engine) WantsAnyResource() bool { return len(e.anyResource) > 0 }

// Close closes the sinks.
func (e *Engine) Close(ctx context.Context) error {
	if err := e.router.close(ctx); err != nil {
		return fmt.Errorf("closing sinks: %w", err)
	}
	return nil
}

// WantsAlert reports whether any playbook fires on a: the alert handler
// asks before it reads the alert's objects from the API server, so that
// alerts no playbook takes cost no request (Alert would run nothing).
func (e *Engine) WantsAlert(a *api.Alert) bool {
	for _, pb := range e.alerts {
		if firesOnAlert(pb, a) {
			return true
		}
	}
	return false
}

// firesOnAlert reports whether one of pb's alert triggers matches a.
func firesOnAlert(pb *playbook, a *api.Alert) bool {
	for _, t := range pb.Triggers {
		if t.Spec.Class == trigger.Alert && t.MatchAlert(a) {
			return true
		}
	}
	return false
}

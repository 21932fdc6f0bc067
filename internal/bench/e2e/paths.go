package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Namespaces of the throughput and the memory pods.
const (
	updatesNamespace = "bench-updates"
	memoryNamespace  = "bench-memory"
)

// startFunc starts an informer path that reports to rec, waits until it has
// synced, and returns how to stop it.
type startFunc func(ctx context.Context, client kubernetes.Interface, rec *recorder) (stop func() error, err error)

// startBare starts a bare typed pod informer as client-go's documentation
// shows it: resync off, no transform, an UpdateFunc (which takes the time).
func startBare(ctx context.Context, client kubernetes.Interface, rec *recorder) (func() error, error) {
	ctx, cancel := context.WithCancel(ctx)
	factory := informers.NewSharedInformerFactory(client, 0)
	inf := factory.Core().V1().Pods().Informer()
	reg, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{UpdateFunc: func(_, obj any) { rec.arrive(obj) }})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("adding the bare informer's handler: %w", err)
	}
	factory.Start(ctx.Done())
	stop := func() error { cancel(); factory.Shutdown(); return nil }
	if !cache.WaitForCacheSync(ctx.Done(), inf.HasSynced, reg.HasSynced) {
		return nil, errors.Join(fmt.Errorf("bare informer did not sync: %w", ctx.Err()), stop())
	}
	return stop, nil
}

// startRunner starts the runner's path: engine and pool, then the Source.
func startRunner(ctx context.Context, client kubernetes.Interface, rec *recorder) (func() error, error) {
	r, err := newRunner(ctx, rec)
	if err != nil {
		return nil, err
	}
	if err := r.startSource(ctx, client); err != nil {
		return nil, errors.Join(err, r.stop())
	}
	return r.stop, nil
}

// benchValues is the runner's configuration: one playbook running the no-op
// action on pod updates in the benchmark's namespace, so the filter runs too.
const benchValues = `
customPlaybooks:
- name: bench
  triggers:
  - on_pod_update:
      namespace_prefix: ` + updatesNamespace + `
  actions:
  - bench_noop: {}
`

// runnerPath is the runner's pipeline, built from the real packages as
// runtime/runner builds it (default workers and queue size), minus the
// HTTP server and metrics registry.
type runnerPath struct {
	eng    *engine.Engine
	pool   *engine.Pool
	rec    *recorder
	logger *slog.Logger
	src    *kube.Source
	cancel context.CancelFunc // stops the Source's intake
}

// newRunner loads benchValues against the no-op action and starts the
// engine's pool.
func newRunner(ctx context.Context, rec *recorder) (*runnerPath, error) {
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	actions, err := registry.NewSet(noopActions(rec))
	if err != nil {
		return nil, fmt.Errorf("registering the no-op action: %w", err)
	}
	cfg, err := config.Load("bench-values.yaml", []byte(benchValues), actions)
	if err != nil {
		return nil, fmt.Errorf("loading the benchmark's values: %w", err)
	}
	eng, err := engine.New(cfg, engine.WithLogger(logger))
	if err != nil {
		return nil, fmt.Errorf("building the engine: %w", err)
	}
	return &runnerPath{eng: eng, pool: eng.Start(ctx), rec: rec, logger: logger, cancel: func() {}}, nil
}

// startSource starts a kube.Source on pods feeding the pool through a
// Submitter that takes each update's arrival time, and waits until it has
// synced.
func (r *runnerPath) startSource(ctx context.Context, client kubernetes.Interface) error {
	pod, ok := kinds.ByTrigger("pod")
	if !ok {
		return errors.New("the kinds table has no pod")
	}
	src, err := kube.NewSource(client, []kinds.Kind{pod}, timedSubmitter{next: r.pool, rec: r.rec}, kube.WithSourceLogger(r.logger))
	if err != nil {
		return fmt.Errorf("building the source: %w", err)
	}
	intake, cancel := context.WithCancel(ctx)
	r.src, r.cancel = src, cancel
	src.Start(intake)
	for !src.Synced() {
		select {
		case <-ctx.Done():
			return fmt.Errorf("source did not sync: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

// stop stops intake, then drains the pool and closes the engine.
func (r *runnerPath) stop() error {
	r.cancel()
	if r.src != nil {
		r.src.Shutdown()
	}
	grace, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var errs []error
	if err := r.pool.Stop(grace); err != nil {
		errs = append(errs, fmt.Errorf("draining the pool: %w", err))
	}
	if err := r.eng.Close(grace); err != nil {
		errs = append(errs, fmt.Errorf("closing the engine: %w", err))
	}
	return errors.Join(errs...)
}

// timedSubmitter is the Submitter the Source calls from its informer
// handler: it takes each update's arrival time, then submits to the pool.
type timedSubmitter struct {
	next kube.Submitter
	rec  *recorder
}

func (s timedSubmitter) SubmitChange(ctx context.Context, c engine.Change) error {
	if c.Operation == api.OperationUpdate {
		s.rec.arrive(c.Obj)
	}
	return s.next.SubmitChange(ctx, c)
}

// noopActions is the benchmark's playbook package, written as robusta-gen
// would emit it: one action, bench_noop, that takes a pod change and does
// nothing but take the time it started.
func noopActions(rec *recorder) registry.Package {
	return registry.Package{
		Path: "github.com/robusta-go/robusta/internal/bench/e2e",
		Actions: []registry.Action{{
			Name:     "bench_noop",
			Func:     "main.benchNoop",
			Doc:      "benchNoop does nothing; the benchmark records when it starts.",
			Event:    "*api.PodChangeEvent",
			Triggers: []string{"on_pod_all_changes", "on_pod_create", "on_pod_delete", "on_pod_update"},
			Accepts: func(e api.ExecutionEvent) bool {
				_, ok := e.(*api.PodChangeEvent)
				return ok
			},
			Bind: func([]byte) (registry.Func, error) {
				return func(_ context.Context, e api.ExecutionEvent) error {
					ev, ok := e.(*api.PodChangeEvent)
					if !ok {
						return registry.ErrEventMismatch
					}
					rec.start(ev.Obj)
					return nil
				}, nil
			},
		}},
	}
}

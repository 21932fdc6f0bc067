package kube

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
)

// Submitter takes the changes a Source sees; *engine.Pool is one.
type Submitter interface {
	SubmitChange(ctx context.Context, c engine.Change) error
}

// Source watches the kinds the configured triggers need: one Reflector and
// one compactStore per kind (see doc.go for why not shared informers).
type Source struct {
	stores     []*compactStore
	reflectors []*cache.Reflector
	submit     Submitter
	logger     *slog.Logger
	received   *prometheus.CounterVec
	dropped    *prometheus.CounterVec
	ctx        context.Context // set by Start; changes are submitted with it
	wg         sync.WaitGroup  // the running Reflectors
	pending    atomic.Int64    // changes in SubmitChange now
}

// SourceOption configures a Source.
type SourceOption func(*Source)

// WithSourceLogger sets the logger.
func WithSourceLogger(l *slog.Logger) SourceOption { return func(s *Source) { s.logger = l } }

// WithReceived counts changes by kind and operation in c, which must have
// the labels kind and operation.
func WithReceived(c *prometheus.CounterVec) SourceOption { return func(s *Source) { s.received = c } }

// WithDropped counts changes the engine did not take, by kind, in c, which
// must have the label kind.
func WithDropped(c *prometheus.CounterVec) SourceOption { return func(s *Source) { s.dropped = c } }

// NewReceivedCounter is robusta_events_received_total.
func NewReceivedCounter() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "robusta_events_received_total", Help: "Kubernetes changes received, by kind and operation.",
	}, []string{"kind", "operation"})
}

// NewDroppedCounter is robusta_events_dropped_total. Backpressure drops
// nothing; a change is dropped only when the engine refuses it (the runner
// stopping) or when the watch delivers something that cannot be handled.
func NewDroppedCounter() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "robusta_events_dropped_total", Help: "Kubernetes changes received but not processed, by kind.",
	}, []string{"kind"})
}

// NewSource prepares one Reflector per kind, resync off, objects stripped
// and kept compact. Nothing runs until Start.
func NewSource(client kubernetes.Interface, ks []kinds.Kind, submit Submitter, opts ...SourceOption) (*Source, error) {
	s := &Source{submit: submit, logger: slog.Default(), received: NewReceivedCounter(), dropped: NewDroppedCounter(), ctx: context.Background()}
	for _, o := range opts {
		o(s)
	}
	for _, k := range ks {
		lw, newObj, err := listWatch(client, k)
		if err != nil {
			return nil, fmt.Errorf("watching %s: %w", k.Name, err)
		}
		st := newCompactStore(k.Name, newObj, s.deliverer(k.Name), s.logger)
		r := cache.NewReflectorWithOptions(lw, newObj(), st, cache.ReflectorOptions{Name: "robusta " + k.Resource})
		s.stores, s.reflectors = append(s.stores, st), append(s.reflectors, r)
	}
	return s, nil
}

// Start runs the Reflectors until ctx is done. Changes are submitted with
// ctx too, so canceling it also stops intake.
func (s *Source) Start(ctx context.Context) {
	s.ctx = ctx
	for _, r := range s.reflectors {
		s.wg.Go(func() { r.RunWithContext(ctx) })
	}
}

// Shutdown waits for the Reflectors to stop after Start's ctx is done.
func (s *Source) Shutdown() { s.wg.Wait() }

// Synced reports whether every kind has been listed.
func (s *Source) Synced() bool {
	for _, st := range s.stores {
		if !st.Synced() {
			return false
		}
	}
	return true
}

// Pending is how many changes the Source holds that the Submitter has not
// taken yet: at most one per kind, as each kind's watch waits for its
// change to be taken. It is what backpressure bounds.
func (s *Source) Pending() int { return int(s.pending.Load()) }

// Cached is how many objects the Source caches, all kinds together.
func (s *Source) Cached() int {
	n := 0
	for _, st := range s.stores {
		n += st.Len()
	}
	return n
}

// deliverer hands kind's changes to the Submitter, waiting while it is
// full: that wait is the backpressure.
func (s *Source) deliverer(kind string) func(op api.Operation, obj, old api.Object) {
	counters := map[api.Operation]prometheus.Counter{}
	for _, op := range []api.Operation{api.OperationCreate, api.OperationUpdate, api.OperationDelete} {
		counters[op] = s.received.WithLabelValues(kind, string(op))
	}
	dropped := s.dropped.WithLabelValues(kind)
	return func(op api.Operation, obj, old api.Object) {
		if obj == nil { // a relist's delete whose last state did not decode (logged)
			dropped.Inc()
			return
		}
		counters[op].Inc()
		s.pending.Add(1)
		defer s.pending.Add(-1)
		if err := s.submit.SubmitChange(s.ctx, engine.Change{Kind: kind, Operation: op, Obj: obj, Old: old}); err != nil {
			dropped.Inc()
			s.logger.Warn("change not processed: the runner is stopping", "kind", kind, "operation", op,
				"namespace", obj.GetNamespace(), "name", obj.GetName(), "error", err)
		}
	}
}

// StripForCache drops managedFields and the last-applied annotation
// (api.StripBookkeeping, the rule findings use too), which no action reads
// and which are often a third of an object, before an object is cached.
// Tombstones and anything without metadata pass unchanged.
func StripForCache(obj any) (any, error) {
	if _, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		return obj, nil
	}
	if m, ok := obj.(metav1.Object); ok {
		api.StripBookkeeping(m)
	}
	return obj, nil
}

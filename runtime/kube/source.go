package kube

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/informers"
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

// Source watches the kinds the configured triggers need.
type Source struct {
	factory   informers.SharedInformerFactory
	informers []cache.SharedIndexInformer
	submit    Submitter
	logger    *slog.Logger
	received  *prometheus.CounterVec
	ctx       context.Context // set by Start; handlers submit with it
}

// SourceOption configures a Source.
type SourceOption func(*Source)

// WithSourceLogger sets the logger.
func WithSourceLogger(l *slog.Logger) SourceOption { return func(s *Source) { s.logger = l } }

// WithReceived counts changes by kind and operation in c, which must have
// the labels kind and operation.
func WithReceived(c *prometheus.CounterVec) SourceOption { return func(s *Source) { s.received = c } }

// NewReceivedCounter is robusta_events_received_total.
func NewReceivedCounter() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "robusta_events_received_total", Help: "Kubernetes changes received, by kind and operation.",
	}, []string{"kind", "operation"})
}

// NewSource prepares one shared informer per kind, resync off, objects
// stripped before they are cached. Nothing runs until Start.
func NewSource(client kubernetes.Interface, ks []kinds.Kind, submit Submitter, opts ...SourceOption) (*Source, error) {
	s := &Source{factory: informers.NewSharedInformerFactory(client, 0), submit: submit, logger: slog.Default(), received: NewReceivedCounter()}
	for _, o := range opts {
		o(s)
	}
	for _, k := range ks {
		gvr := schema.GroupVersionResource{Group: k.Group, Version: k.Version, Resource: k.Resource}
		gi, err := s.factory.ForResource(gvr)
		if err != nil {
			return nil, fmt.Errorf("informer for %s: %w", gvr, err)
		}
		inf := gi.Informer()
		if err := inf.SetTransform(StripForCache); err != nil {
			return nil, fmt.Errorf("informer for %s: %w", gvr, err)
		}
		if _, err := inf.AddEventHandler(s.handler(k.Name)); err != nil {
			return nil, fmt.Errorf("informer for %s: %w", gvr, err)
		}
		s.informers = append(s.informers, inf)
	}
	return s, nil
}

// Start starts the informers; they stop when ctx is done. Changes are
// submitted with ctx too, so canceling it also stops intake.
func (s *Source) Start(ctx context.Context) {
	s.ctx = ctx
	s.factory.Start(ctx.Done())
}

// Shutdown waits for the informers to stop after Start's ctx is done.
func (s *Source) Shutdown() { s.factory.Shutdown() }

// Synced reports whether every informer has listed its kind.
func (s *Source) Synced() bool {
	for _, inf := range s.informers {
		if !inf.HasSynced() {
			return false
		}
	}
	return true
}

func (s *Source) handler(kind string) cache.ResourceEventHandler {
	counters := map[api.Operation]prometheus.Counter{}
	for _, op := range []api.Operation{api.OperationCreate, api.OperationUpdate, api.OperationDelete} {
		counters[op] = s.received.WithLabelValues(kind, string(op))
	}
	deliver := func(op api.Operation, obj, old any) {
		o, ok := obj.(api.Object)
		if !ok {
			s.logger.Error("informer delivered an object of an unexpected type", "kind", kind, "type", fmt.Sprintf("%T", obj))
			return
		}
		c := engine.Change{Kind: kind, Operation: op, Obj: o}
		if old != nil {
			c.Old, _ = old.(api.Object)
		}
		counters[op].Inc()
		if err := s.submit.SubmitChange(s.ctx, c); err != nil {
			s.logger.Warn("change not processed: the runner is stopping", "kind", kind, "operation", op,
				"namespace", o.GetNamespace(), "name", o.GetName(), "error", err)
		}
	}
	return cache.ResourceEventHandlerDetailedFuncs{
		AddFunc: func(obj any, isInInitialList bool) {
			if !isInInitialList { // objects that existed at start are not creations
				deliver(api.OperationCreate, obj, nil)
			}
		},
		UpdateFunc: func(old, obj any) {
			if o, n := old.(metav1.Object), obj.(metav1.Object); o.GetResourceVersion() == n.GetResourceVersion() {
				return // a relist replaying an object it had, not a change
			}
			deliver(api.OperationUpdate, obj, old)
		},
		DeleteFunc: func(obj any) {
			if t, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = t.Obj // missed the delete; this is the last state the cache had
			}
			deliver(api.OperationDelete, obj, nil)
		},
	}
}

// StripForCache is the informers' transform: it drops managedFields and the
// last-applied annotation (api.StripBookkeeping, the rule findings use too),
// which no action reads and which are often a third of an object.
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

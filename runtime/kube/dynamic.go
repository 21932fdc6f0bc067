package kube

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/tools/cache"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
)

// DynamicSource watches the values' customResources: kinds without a Go
// type, as *unstructured.Unstructured, with client-go's dynamic informers.
// It follows Source's rules (resync off, objects stripped before they are
// cached, the initial list not creations) and has its Start, Shutdown and
// Synced, so the runner runs both alike. A change's Kind is the custom
// resource's Key ("widgets.example.com"), which the any-resource triggers'
// kind lists hold; findings name the object's own kind ("Widget"). A nil
// *DynamicSource watches nothing and is synced, so that a runner without
// customResources needs no case of its own.
type DynamicSource struct {
	factory   dynamicinformer.DynamicSharedInformerFactory
	informers []cache.SharedIndexInformer
	submit    Submitter
	opts      DynamicOptions
	ctx       context.Context // set by Start; handlers submit with it
}

// DynamicOptions configures a DynamicSource; zero fields get defaults.
type DynamicOptions struct {
	Logger *slog.Logger
	// Received counts changes by kind and operation (NewReceivedCounter).
	Received *prometheus.CounterVec
}

// NewDynamicSource checks with the API server's discovery that each custom
// resource is served and can be listed and watched, and prepares its
// informer. A resource the server does not serve is an error here, at
// start: an informer on it would retry its list forever and the runner
// would never be ready, with nothing saying why. Nothing runs until Start.
func NewDynamicSource(client dynamic.Interface, disc discovery.DiscoveryInterface, crs []kinds.Custom, submit Submitter, opts DynamicOptions) (*DynamicSource, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Received == nil {
		opts.Received = NewReceivedCounter()
	}
	s := &DynamicSource{factory: dynamicinformer.NewDynamicSharedInformerFactory(client, 0), submit: submit, opts: opts, ctx: context.Background()}
	for _, c := range crs {
		kind, err := servedKind(disc, c)
		if err != nil {
			return nil, err
		}
		inf := s.factory.ForResource(schema.GroupVersionResource{Group: c.Group, Version: c.Version, Resource: c.Resource}).Informer()
		if err := inf.SetTransform(StripForCache); err != nil {
			return nil, fmt.Errorf("informer for %s: %w", c.Key(), err)
		}
		if _, err := inf.AddEventHandler(s.handler(c.Key(), kind)); err != nil {
			return nil, fmt.Errorf("informer for %s: %w", c.Key(), err)
		}
		s.informers = append(s.informers, inf)
	}
	return s, nil
}

// Start starts the informers; they stop when ctx is done.
func (s *DynamicSource) Start(ctx context.Context) {
	if s == nil {
		return
	}
	s.ctx = ctx
	s.factory.Start(ctx.Done())
}

// Shutdown waits for the informers to stop after Start's ctx is done.
func (s *DynamicSource) Shutdown() {
	if s != nil {
		s.factory.Shutdown()
	}
}

// Synced reports whether every informer has listed its resource.
func (s *DynamicSource) Synced() bool {
	if s == nil {
		return true
	}
	for _, inf := range s.informers {
		if !inf.HasSynced() {
			return false
		}
	}
	return true
}

// handler submits key's changes. kind is what discovery calls the objects:
// a list's items can come without apiVersion and kind, and findings name
// the kind, so it is set when missing.
func (s *DynamicSource) handler(key, kind string) cache.ResourceEventHandler {
	counters := map[api.Operation]prometheus.Counter{}
	for _, op := range []api.Operation{api.OperationCreate, api.OperationUpdate, api.OperationDelete} {
		counters[op] = s.opts.Received.WithLabelValues(key, string(op))
	}
	deliver := func(op api.Operation, obj, old any) {
		o, ok := obj.(*unstructured.Unstructured)
		if !ok {
			s.opts.Logger.Error("informer delivered an object of an unexpected type", "kind", key, "type", fmt.Sprintf("%T", obj))
			return
		}
		if o.GetKind() == "" {
			o.SetKind(kind)
		}
		c := engine.Change{Kind: key, Operation: op, Obj: o}
		if u, ok := old.(*unstructured.Unstructured); ok {
			c.Old = u
		}
		counters[op].Inc()
		if err := s.submit.SubmitChange(s.ctx, c); err != nil {
			s.opts.Logger.Warn("change not processed: the runner is stopping", "kind", key, "operation", op,
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
			o, ok1 := old.(metav1.Object)
			n, ok2 := obj.(metav1.Object)
			if ok1 && ok2 && o.GetResourceVersion() == n.GetResourceVersion() {
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

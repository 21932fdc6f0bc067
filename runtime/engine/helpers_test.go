package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// The engine is tested on configs built in code: the loader has its own
// tests, and here each case states exactly the playbooks it needs.

func trig(t testing.TB, name, params string) *trigger.Trigger {
	t.Helper()
	spec, ok := trigger.Lookup(name)
	if !ok {
		t.Fatalf("no trigger %s", name)
	}
	tr, err := trigger.Compile(spec, []byte(params))
	if err != nil {
		t.Fatalf("compiling %s %s: %v", name, params, err)
	}
	return tr
}

// act makes a config action named name running fn on any event.
func act(name string, fn registry.Func) config.Action {
	return config.Action{Action: &registry.Action{Name: name}, Run: fn}
}

func pod(ns, name string, labels map[string]string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels}}
}

func podChange(op api.Operation, p *corev1.Pod) *Change {
	return &Change{Kind: "Pod", Operation: op, Obj: p}
}

// recorder is a sink that keeps what it is given.
type recorder struct {
	mu       sync.Mutex
	findings []*api.Finding
	mutate   bool // change each finding it gets, to prove copies are per sink
}

func (r *recorder) Write(_ context.Context, f *api.Finding) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.mutate {
		f.Title = "changed by sink"
		f.Subject.Labels["touched"] = "yes"
	}
	r.findings = append(r.findings, f)
	return nil
}

func (r *recorder) Close(context.Context) error { return nil }

func (r *recorder) titles() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ts []string
	for _, f := range r.findings {
		ts = append(ts, f.Title)
	}
	return ts
}

// recorderType is a sink type whose sinks are the given recorders, by name.
func sinkConfig(t testing.TB, name string, common string, r *recorder) config.Sink {
	t.Helper()
	var c sink.Common
	if err := json.Unmarshal([]byte(common), &c); err != nil {
		t.Fatal(err)
	}
	c.Name = name
	typ := &sink.Type{Key: "recorder", Params: reflect.TypeFor[sink.Common](), New: func([]byte, sink.Global) (sink.Sink, error) { return r, nil }}
	return config.Sink{Type: typ, Common: c}
}

// calls records action calls in order, safely across goroutines.
type calls struct {
	mu  sync.Mutex
	log []string
}

func (c *calls) add(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.log = append(c.log, s)
}

func (c *calls) get() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.log)
}

// record returns an action that logs name and the event's Go type.
func (c *calls) record(name string) registry.Func {
	return func(_ context.Context, e api.ExecutionEvent) error {
		c.add(name + ":" + reflect.TypeOf(e).Elem().Name())
		return nil
	}
}

func newEngine(t testing.TB, cfg *config.Config, opts ...Option) (*Engine, *Dispatcher) {
	t.Helper()
	e, err := New(cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	d := e.NewDispatcher(context.Background())
	t.Cleanup(d.Close)
	return e, d
}

func closeEngine(t testing.TB, e *Engine) {
	t.Helper()
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

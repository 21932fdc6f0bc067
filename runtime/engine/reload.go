package engine

import (
	"context"
	"fmt"
	"sync"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/sink"
)

// Reload builds the engine of a new config that takes over e's state: its
// options (logger, cluster, metrics, clock, timeout), then opts on top
// (WithPrometheus for a changed globalConfig); its rate limits, so that a
// crash loop limited before the reload stays limited after it for the
// playbooks that remain (the keys are the playbooks' ids, see the package
// doc); its namespace labels; and each sink whose name, type, params and
// cluster name are unchanged, so that an unchanged sink is not reopened
// and keeps its queue. The workers and queue size are the Pool's and do
// not change.
//
// e keeps running: hand next to Pool.Swap, and once the channel it returns
// is closed, Retire(e, next) closes the sinks of e that next did not take.
// On error nothing of e is touched and what Reload opened is closed.
func (e *Engine) Reload(cfg *config.Config, opts ...Option) (*Engine, error) {
	o := e.opts
	for _, opt := range opts {
		opt(&o)
	}
	o.workers, o.queue = e.opts.workers, e.opts.queue
	if o.timeout <= 0 {
		return nil, fmt.Errorf("engine: timeout must be positive")
	}
	r, err := newRouter(cfg, &o, e.router)
	if err != nil {
		return nil, err
	}
	next := &Engine{opts: o, byKind: map[string][]*playbook{}, router: r, limiter: e.limiter}
	next.compile(cfg)
	return next, nil
}

// Reopened names the sinks of next that Reload opened rather than took
// over: those new or changed.
func (e *Engine) Reopened() []string {
	var names []string
	for _, s := range e.router.sinks {
		if !s.reused {
			names = append(names, s.name)
		}
	}
	return names
}

// Retire closes, draining their queues until ctx is done, the sinks of old
// that next does not use. Call it only when old runs nothing any more (the
// channel Pool.Swap returned is closed): its playbooks would write to
// closed sinks.
func Retire(ctx context.Context, old, next *Engine) error {
	kept := map[sink.Sink]bool{}
	for _, s := range next.router.sinks {
		kept[s.sink] = true
	}
	if err := old.router.closeSinks(ctx, func(s *routedSink) bool { return !kept[s.sink] }); err != nil {
		return fmt.Errorf("closing removed sinks: %w", err)
	}
	return nil
}

// reuse returns the sink r opened with key, if any: the one a reload
// takes over. A nil r (a first engine) has none.
func (r *router) reuse(key sinkKey) (sink.Sink, bool) {
	if r == nil {
		return nil, false
	}
	for _, s := range r.sinks {
		if s.key == key {
			return s.sink, true
		}
	}
	return nil, false
}

// sinkKey is what a sink is opened with: equal keys, the same sink.
type sinkKey struct {
	name string
	// typ is the type's key: the loader hands out a fresh *sink.Type per
	// load, so the pointer says nothing.
	typ    string
	params string // the JSON params, env vars substituted
	global sink.Global
}

// generation is one engine and the inputs submitted to it that have not
// finished: Swap's unit. drained is closed once it has been swapped out,
// its inputs have all finished and the generation before it (prev) has
// drained too, so that an engine's sinks are never closed while an older
// engine, which may share them, still runs.
type generation struct {
	e       *Engine
	active  sync.WaitGroup
	prev    <-chan struct{}
	drained chan struct{}
}

func firstGeneration(e *Engine) *generation {
	prev := make(chan struct{})
	close(prev)
	return &generation{e: e, prev: prev, drained: make(chan struct{})}
}

// acquire counts one more input of the current generation. It holds
// genMu so that no input joins a generation Swap has begun to wait on
// (sync.WaitGroup forbids an Add from zero racing a Wait).
func (p *Pool) acquire() *generation {
	p.genMu.Lock()
	defer p.genMu.Unlock()
	g := p.gen
	g.active.Add(1)
	return g
}

// Engine returns the engine inputs are submitted to now.
func (p *Pool) Engine() *Engine {
	p.genMu.Lock()
	defer p.genMu.Unlock()
	return p.gen.e
}

// Swap makes next the engine of every input submitted from now on: the
// config changes between inputs, never inside one. The inputs submitted
// before, queued or running, finish with the engine they were submitted
// to, each exactly once. The channel returned is closed once they all
// have, those of earlier swaps included: then the old engine's removed
// sinks can be closed (Retire).
func (p *Pool) Swap(next *Engine) <-chan struct{} {
	p.genMu.Lock()
	old := p.gen
	p.gen = &generation{e: next, prev: old.drained, drained: make(chan struct{})}
	p.genMu.Unlock()
	go func() {
		old.active.Wait()
		<-old.prev
		close(old.drained)
	}()
	return old.drained
}

// worker is one pool worker's dispatcher, made for the generation of the
// input at hand: a new one when an input of another engine comes.
type worker struct {
	gen *generation
	d   *Dispatcher
}

func (w *worker) dispatcher(ctx context.Context, g *generation) *Dispatcher {
	if g != w.gen {
		w.close()
		w.gen, w.d = g, g.e.NewDispatcher(ctx)
	}
	return w.d
}

func (w *worker) close() {
	if w.d != nil {
		w.d.Close()
	}
}

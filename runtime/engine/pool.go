package engine

import (
	"context"
	"errors"
	"hash/maphash"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
)

// ErrClosed is returned by Submit after Stop.
var ErrClosed = errors.New("engine stopped")

// input is one queued unit of work; exactly one field is set.
type input struct {
	change   Change
	alert    *api.PrometheusAlertEvent
	schedule *api.ScheduledEvent
	index    int        // the scheduled playbook
	manual   *manualRun // Pool.RunAction (manual.go)
	// gen is the engine the input was submitted to (reload.go): it runs
	// with that config even if another replaced it since.
	gen *generation
}

// Pool runs inputs on a fixed set of workers, each with a bounded queue.
// Inputs about one object always go to the same worker, so they keep their
// order; inputs about different objects run concurrently.
type Pool struct {
	seed   maphash.Seed
	queues []chan input
	wg     sync.WaitGroup

	mu     sync.RWMutex
	closed bool

	genMu sync.Mutex
	gen   *generation // the engine inputs are submitted to now (Swap)
}

// Start starts the workers. ctx supplies values to actions; canceling it
// does not interrupt them (Stop drains instead).
func (e *Engine) Start(ctx context.Context) *Pool {
	p := &Pool{seed: maphash.MakeSeed(), queues: make([]chan input, e.opts.workers), gen: firstGeneration(e)}
	for i := range p.queues {
		q := make(chan input, e.opts.queue)
		p.queues[i] = q
		p.wg.Go(func() {
			var w worker
			defer w.close()
			for in := range q {
				d := w.dispatcher(ctx, in.gen)
				switch {
				case in.alert != nil:
					d.Alert(ctx, in.alert)
				case in.schedule != nil:
					d.Schedule(ctx, in.index, in.schedule)
				case in.manual != nil:
					d.manual(ctx, in.manual)
				default:
					d.Change(ctx, &in.change)
				}
				in.gen.active.Done()
			}
		})
	}
	return p
}

// SubmitChange queues a change, waiting while the object's queue is full or
// until ctx is done.
func (p *Pool) SubmitChange(ctx context.Context, c Change) error {
	obj := c.Obj
	if obj == nil {
		obj = c.Old
	}
	var h maphash.Hash
	h.SetSeed(p.seed)
	h.WriteString(c.Kind)
	if obj != nil {
		h.WriteString(obj.GetNamespace())
		h.WriteString(obj.GetName())
	}
	return p.submit(ctx, h.Sum64(), input{change: c})
}

// SubmitAlert queues an alert, keyed by its fingerprint.
func (p *Pool) SubmitAlert(ctx context.Context, ev *api.PrometheusAlertEvent) error {
	return p.submit(ctx, maphash.String(p.seed, ev.Alert.Fingerprint), input{alert: ev})
}

// SubmitSchedule queues a tick of the scheduled playbook at index.
func (p *Pool) SubmitSchedule(ctx context.Context, index int, ev *api.ScheduledEvent) error {
	return p.submit(ctx, uint64(index), input{schedule: ev, index: index})
}

// Depth returns how many inputs wait in the queues.
func (p *Pool) Depth() int {
	n := 0
	for _, q := range p.queues {
		n += len(q)
	}
	return n
}

func (p *Pool) submit(ctx context.Context, key uint64, in input) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return ErrClosed
	}
	// select picks at random among ready cases: check the context first,
	// so that a canceled intake never queues another input.
	if err := ctx.Err(); err != nil {
		return err
	}
	in.gen = p.acquire()
	select {
	case p.queues[key%uint64(len(p.queues))] <- in:
		return nil
	case <-ctx.Done():
		in.gen.active.Done()
		return ctx.Err()
	}
}

// Stop refuses new inputs, runs the queued ones and waits for the workers
// to finish or ctx to be done.
func (p *Pool) Stop(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		for _, q := range p.queues {
			close(q)
		}
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

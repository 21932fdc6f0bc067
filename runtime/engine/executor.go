package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Reasons an action failed, as counted in metrics.
const (
	reasonError   = "error"
	reasonPanic   = "panic"
	reasonTimeout = "timeout"
)

// actionError is an action's failure with its reason.
type actionError struct {
	reason string
	err    error
}

func (e *actionError) Error() string { return e.err.Error() }
func (e *actionError) Unwrap() error { return e.err }

// errActionTimeout is the cause of an action's context when it timed out.
var errActionTimeout = errors.New("action timed out")

type job struct {
	fn registry.Func
	ev api.ExecutionEvent
}

// executor is a goroutine that runs one action at a time. A timed-out
// executor is abandoned: its job channel is closed so that it exits once the
// stuck action returns, and a fresh executor takes its place.
type executor struct {
	jobs    chan job
	results chan error
	ctx     *actionCtx
}

func newExecutor(parent context.Context) *executor {
	x := &executor{jobs: make(chan job), results: make(chan error, 1), ctx: newActionCtx(parent)}
	go x.loop()
	return x
}

func (x *executor) loop() {
	for j := range x.jobs {
		x.results <- x.call(j)
	}
}

func (x *executor) call(j job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &actionError{reason: reasonPanic, err: fmt.Errorf("%v\n%s", r, debug.Stack())}
		}
	}()
	return j.fn(x.ctx, j.ev)
}

// runner runs a worker's actions with a timeout. It is used by one
// goroutine at a time.
type runner struct {
	parent  context.Context
	timeout time.Duration
	timer   *time.Timer
	x       *executor
	// late is told of each call a timed-out action makes on its sealed
	// event; nil ignores them.
	late func(action, call string)
}

func newRunner(parent context.Context, timeout time.Duration) *runner {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &runner{parent: parent, timeout: timeout, timer: t, x: newExecutor(parent)}
}

// runAction calls fn, the action named name, on ev and waits for it at
// most r.timeout. On the happy path it allocates nothing: the executor, its
// channels and its context are reused until a timeout forces them to be
// replaced.
//
// On a timeout ev is sealed before runAction returns (api.Execution.Seal):
// the abandoned action may still hold ev and call it, and those calls must
// not reach findings the caller goes on to route. A caller that goes on
// running actions does so on a copy (fork).
func (r *runner) runAction(name string, fn registry.Func, ev api.ExecutionEvent) error {
	r.x.ctx.arm(time.Now().Add(r.timeout))
	r.x.jobs <- job{fn: fn, ev: ev}
	r.timer.Reset(r.timeout)
	select {
	case err := <-r.x.results:
		r.timer.Stop()
		if err != nil {
			var ae *actionError
			if !errors.As(err, &ae) {
				err = &actionError{reason: reasonError, err: err}
			}
		}
		return err
	case <-r.timer.C:
		// Seal before cancelling, so that an action that sees its ctx done
		// finds its event sealed too.
		var late func(string)
		if l := r.late; l != nil {
			late = func(call string) { l(name, call) }
		}
		ev.Execution().Seal(late)
		r.x.ctx.cancel(errActionTimeout)
		close(r.x.jobs)
		r.x = newExecutor(r.parent)
		return &actionError{reason: reasonTimeout, err: fmt.Errorf("no result after %s", r.timeout)}
	}
}

// close stops the executor once its current action returns.
func (r *runner) close() { close(r.x.jobs) }

// actionCtx is the context actions get: the worker's context with a
// deadline, canceled when the action times out. It is reused from one action
// to the next until it is canceled, which is why, as with an http.Request's
// context, an action must not keep its ctx after returning.
type actionCtx struct {
	parent   context.Context
	deadline atomic.Int64 // unix nanoseconds
	done     chan struct{}

	mu  sync.Mutex
	err error
}

func newActionCtx(parent context.Context) *actionCtx {
	return &actionCtx{parent: parent, done: make(chan struct{})}
}

func (c *actionCtx) arm(deadline time.Time) { c.deadline.Store(deadline.UnixNano()) }

func (c *actionCtx) cancel(cause error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = fmt.Errorf("%w: %w", context.DeadlineExceeded, cause)
		close(c.done)
	}
}

// Deadline implements context.Context.
func (c *actionCtx) Deadline() (time.Time, bool) { return time.Unix(0, c.deadline.Load()), true }

// Done implements context.Context. The parent's cancellation is not
// forwarded: on shutdown, in-flight actions finish within their timeout.
func (c *actionCtx) Done() <-chan struct{} { return c.done }

// Err implements context.Context.
func (c *actionCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Value implements context.Context.
func (c *actionCtx) Value(key any) any { return c.parent.Value(key) }

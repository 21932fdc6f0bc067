package sink

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
)

// DefaultQueueSize is how many findings an Async sink holds by default.
const DefaultQueueSize = 1000

// DefaultQueueBytes is how many bytes of findings (as FindingSize counts
// them) an Async sink holds by default: a thousand findings of pod logs
// would otherwise hold gigabytes while Slack is down.
const DefaultQueueBytes = 64 << 20

// ErrClosed is returned by Write and Close on an Async sink already closed.
var ErrClosed = errors.New("sink closed")

// AsyncOption configures Async.
type AsyncOption func(*asyncSink)

// QueueSize bounds the findings waiting for the sink (at least 1).
func QueueSize(n int) AsyncOption {
	return func(a *asyncSink) {
		a.queue = make([]*api.Finding, max(n, 1))
		a.sizes = make([]int64, max(n, 1))
	}
}

// QueueBytes bounds the bytes of the findings waiting for the sink, as
// FindingSize estimates them (at least 1). Over the budget the oldest
// findings are dropped, as when the queue is full; a finding larger than
// the whole budget is dropped itself. Each drop goes to OnDrop.
func QueueBytes(n int64) AsyncOption {
	return func(a *asyncSink) { a.budget = max(n, 1) }
}

// blockOverhead stands for a block's fixed cost: its interface, type and
// the small fields FindingSize does not count.
const blockOverhead = 64

// FindingSize estimates the memory f holds, cheaply: its texts and the
// contents of its text and file blocks, which dominate (pod logs, command
// output), plus a fixed cost per block. Tables and lists count their cells.
func FindingSize(f *api.Finding) int64 {
	n := int64(len(f.Title) + len(f.Description) + 256)
	for _, e := range f.Enrichments {
		n += int64(len(e.Title))
		for _, b := range e.Blocks {
			n += blockOverhead
			switch b := b.(type) {
			case api.File:
				n += int64(len(b.Name) + len(b.Contents))
			case *api.File:
				n += int64(len(b.Name) + len(b.Contents))
			case api.Markdown:
				n += int64(len(b.Text))
			case *api.Markdown:
				n += int64(len(b.Text))
			case api.JSON:
				n += int64(len(b.Data))
			case api.List:
				for _, it := range b.Items {
					n += int64(len(it))
				}
			case api.Table:
				for _, row := range b.Rows {
					for _, c := range row {
						n += int64(len(c))
					}
				}
			}
		}
	}
	return n
}

// OnDrop is called for each finding that never reaches the sink: the oldest
// queued one when a Write finds the queue full, and those still queued when
// Close gives up. It may be called from several goroutines at once and must
// not block; the engine counts and logs drops.
func OnDrop(fn func(sink string, f *api.Finding)) AsyncOption {
	return func(a *asyncSink) { a.onDrop = fn }
}

// OnError is called, on the sink's goroutine, with each error of the
// wrapped sink's Write.
func OnError(fn func(sink string, f *api.Finding, err error)) AsyncOption {
	return func(a *asyncSink) { a.onError = fn }
}

// UndeliveredError is returned by Close when its context ended before the
// queue was drained.
type UndeliveredError struct {
	Sink  string
	Count int   // findings still queued, each reported to OnDrop
	Err   error // the context's error
}

func (e *UndeliveredError) Error() string {
	return fmt.Sprintf("sink %s: closed with %d findings undelivered: %v", e.Sink, e.Count, e.Err)
}

func (e *UndeliveredError) Unwrap() error { return e.Err }

// Async gives s its own goroutine and a bounded queue, so that a slow or
// failing sink (one stuck in retries) never delays its caller or other
// sinks. Write queues the finding and returns at once; a full queue drops
// its oldest finding (newer findings matter more) and reports it to OnDrop.
// The wrapped sink sees one Write at a time, in order, with a context of
// Async's own: the caller's ends with its event, long before delivery.
//
// Close stops accepting findings, delivers those queued until its context
// ends, then closes s. If the context ends first, the in-flight Write's
// context is cancelled, the findings left are reported to OnDrop, and
// Close closes s and returns an *UndeliveredError without waiting for that
// Write to return (s may see Close while it runs, as any sink may).
func Async(s Sink, name string, opts ...AsyncOption) Sink {
	ctx, cancel := context.WithCancel(context.Background())
	a := &asyncSink{
		sink: s, name: name, ctx: ctx, cancel: cancel,
		wake: make(chan struct{}, 1), done: make(chan struct{}),
		onDrop:  func(string, *api.Finding) {},
		onError: func(string, *api.Finding, error) {},
	}
	QueueSize(DefaultQueueSize)(a)
	QueueBytes(DefaultQueueBytes)(a)
	for _, o := range opts {
		o(a)
	}
	go a.run()
	return a
}

type asyncSink struct {
	sink    Sink
	name    string
	ctx     context.Context // of the wrapped sink's writes; ends when Close gives up
	cancel  context.CancelFunc
	onDrop  func(string, *api.Finding)
	onError func(string, *api.Finding, error)
	wake    chan struct{} // a finding was queued, or the sink closed
	done    chan struct{} // run returned

	budget int64 // bytes the queue may hold (QueueBytes)

	mu          sync.Mutex
	queue       []*api.Finding // a ring buffer
	sizes       []int64        // FindingSize of each queued finding
	head, count int
	bytes       int64 // the sum of sizes of the queued findings
	closed      bool
}

// Write queues f and returns at once; ctx is not used.
func (a *asyncSink) Write(_ context.Context, f *api.Finding) error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return fmt.Errorf("sink %s: %w", a.name, ErrClosed)
	}
	size := FindingSize(f)
	if size > a.budget { // it alone would hold more than the whole budget
		a.mu.Unlock()
		a.onDrop(a.name, f)
		return nil
	}
	// Usually nothing or one finding is dropped; a large finding may push
	// out several small ones.
	var dropped []*api.Finding
	for a.count == len(a.queue) || a.count > 0 && a.bytes+size > a.budget {
		dropped = append(dropped, a.pop())
	}
	i := (a.head + a.count) % len(a.queue)
	a.queue[i], a.sizes[i] = f, size
	a.count++
	a.bytes += size
	a.mu.Unlock()
	a.signal()
	for _, d := range dropped {
		a.onDrop(a.name, d)
	}
	return nil
}

// Close drains the queue into the sink until ctx ends, then closes it.
func (a *asyncSink) Close(ctx context.Context) error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return fmt.Errorf("sink %s: %w", a.name, ErrClosed)
	}
	a.closed = true
	a.mu.Unlock()
	a.signal()
	var undelivered error
	select {
	case <-a.done:
	case <-ctx.Done():
		a.cancel()
		a.mu.Lock()
		left := make([]*api.Finding, 0, a.count)
		for a.count > 0 {
			left = append(left, a.pop())
		}
		a.mu.Unlock()
		for _, f := range left {
			a.onDrop(a.name, f)
		}
		if len(left) > 0 { // an interrupted Write is reported to OnError
			undelivered = &UndeliveredError{Sink: a.name, Count: len(left), Err: ctx.Err()}
		}
	}
	a.cancel()
	return errors.Join(undelivered, a.sink.Close(ctx))
}

// run writes queued findings to the sink, one at a time, until the sink is
// closed and drained or Close gives up.
func (a *asyncSink) run() {
	defer close(a.done)
	for {
		a.mu.Lock()
		for a.count == 0 && !a.closed {
			a.mu.Unlock()
			select {
			case <-a.wake:
			case <-a.ctx.Done():
				return
			}
			a.mu.Lock()
		}
		if a.count == 0 || a.ctx.Err() != nil { // closed and drained, or given up
			a.mu.Unlock()
			return
		}
		f := a.pop()
		a.mu.Unlock()
		if err := a.sink.Write(a.ctx, f); err != nil {
			a.onError(a.name, f, err)
		}
	}
}

// pop takes the oldest queued finding; a.mu must be held.
func (a *asyncSink) pop() *api.Finding {
	f := a.queue[a.head]
	a.queue[a.head] = nil
	a.bytes -= a.sizes[a.head]
	a.head = (a.head + 1) % len(a.queue)
	a.count--
	return f
}

// signal wakes run without blocking.
func (a *asyncSink) signal() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

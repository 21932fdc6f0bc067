package sink

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

// patience bounds waits for things that take microseconds, so a broken
// build fails instead of hanging.
const patience = 5 * time.Second

// recorder is a sink that records what it gets. With a gate, each Write
// first announces its finding on started and waits for a value on gate (or
// for its context to end).
type recorder struct {
	gate    chan struct{}
	started chan string
	err     error

	mu     sync.Mutex
	titles []string
	closed bool
	events []string // "write <title>" and "close", in order
}

func (r *recorder) Write(ctx context.Context, f *api.Finding) error {
	if r.gate != nil {
		r.started <- f.Title
		select {
		case <-r.gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.titles = append(r.titles, f.Title)
	r.events = append(r.events, "write "+f.Title)
	return r.err
}

func (r *recorder) Close(context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	r.events = append(r.events, "close")
	return nil
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.titles...)
}

func gated() *recorder { return &recorder{gate: make(chan struct{}), started: make(chan string, 100)} }

func titled(n int) []*api.Finding {
	fs := make([]*api.Finding, n)
	for i := range fs {
		fs[i] = &api.Finding{Title: fmt.Sprint("f", i)}
	}
	return fs
}

func titles(fs []*api.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Title)
	}
	return out
}

// drops records OnDrop calls.
type drops struct {
	mu sync.Mutex
	fs []*api.Finding
}

func (d *drops) option() AsyncOption {
	return OnDrop(func(_ string, f *api.Finding) {
		d.mu.Lock()
		defer d.mu.Unlock()
		d.fs = append(d.fs, f)
	})
}

func (d *drops) titles() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return titles(d.fs)
}

func expired() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestAsyncWriteDoesNotBlock(t *testing.T) {
	r := gated() // never opened: every Write blocks until Close cancels it
	s := Async(r, "slow", QueueSize(10))
	start := time.Now()
	for _, f := range titled(50) {
		if err := s.Write(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > patience/5 {
		t.Errorf("50 writes to a blocked sink took %v", d)
	}
	<-r.started
	s.Close(expired())
}

func TestAsyncPreservesOrderAndCloseDrains(t *testing.T) {
	r := gated()
	s := Async(r, "ordered")
	fs := titled(100)
	for _, f := range fs {
		s.Write(context.Background(), f)
	}
	go func() { // let the writes through one by one, after Close began
		for range fs {
			<-r.started
			r.gate <- struct{}{}
		}
	}()
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := append([]string{}, titles(fs)...)
	if diff := cmp.Diff(want, r.got()); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
	if last := r.events[len(r.events)-1]; last != "close" || len(r.events) != 101 {
		t.Errorf("the sink was not closed after the last write: %v", r.events[max(0, len(r.events)-3):])
	}
}

func TestAsyncDropsOldestWhenFull(t *testing.T) {
	r := gated()
	var d drops
	s := Async(r, "full", QueueSize(3), d.option())
	fs := titled(6)
	s.Write(context.Background(), fs[0])
	if got := <-r.started; got != "f0" { // f0 is in the sink; the queue is empty
		t.Fatalf("sink started %s", got)
	}
	for _, f := range fs[1:] { // f1..f3 fill the queue; f4 and f5 push out f1 and f2
		if err := s.Write(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"f1", "f2"}, d.titles()); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
	close(r.gate)
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"f0", "f3", "f4", "f5"}, r.got()); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
}

func TestAsyncCloseGivesUp(t *testing.T) {
	r := gated()
	var d drops
	interrupted := make(chan error, 1)
	s := Async(r, "stuck", d.option(), OnError(func(_ string, _ *api.Finding, err error) { interrupted <- err }))
	fs := titled(5)
	for _, f := range fs {
		s.Write(context.Background(), f)
	}
	<-r.started // f0 is in flight, f1..f4 queued
	done := make(chan error)
	go func() { done <- s.Close(expired()) }()
	var err error
	select {
	case err = <-done:
	case <-time.After(patience):
		t.Fatal("Close with an expired context did not return")
	}
	var ue *UndeliveredError
	if !errors.As(err, &ue) || ue.Count != 4 || !errors.Is(err, context.Canceled) {
		t.Fatalf("Close: %v, want 4 undelivered and context.Canceled", err)
	}
	if diff := cmp.Diff([]string{"f1", "f2", "f3", "f4"}, d.titles()); diff != "" {
		t.Errorf("reported dropped (-want +got):\n%s", diff)
	}
	if !r.closed {
		t.Error("the wrapped sink was not closed")
	}
	select {
	case err := <-interrupted:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("in-flight write ended with %v, want context.Canceled", err)
		}
	case <-time.After(patience):
		t.Error("the in-flight write was not cancelled")
	}
}

func TestAsyncClosed(t *testing.T) {
	s := Async(&recorder{}, "x")
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), &api.Finding{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close: %v, want ErrClosed", err)
	}
	if err := s.Close(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close: %v, want ErrClosed", err)
	}
}

func TestAsyncReportsErrors(t *testing.T) {
	boom := errors.New("boom")
	type report struct {
		Sink, Title string
		Err         error
	}
	got := make(chan report, 1)
	s := Async(&recorder{err: boom}, "failing", OnError(func(name string, f *api.Finding, err error) {
		got <- report{name, f.Title, err}
	}))
	s.Write(context.Background(), &api.Finding{Title: "t"})
	if diff := cmp.Diff(report{"failing", "t", boom}, <-got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("OnError (-want +got):\n%s", diff)
	}
	s.Close(context.Background())
}

// retrying is a sink stuck in retries: its endpoint always fails and its
// backoff never ends (a held fake clock), until its context is cancelled.
type retrying struct{ clock *retrytest.Clock }

func (r retrying) Write(ctx context.Context, _ *api.Finding) error {
	return retry.Do(ctx, retry.Policy{Clock: r.clock}, func(context.Context) error { return errors.New("HTTP 503") })
}

func (retrying) Close(context.Context) error { return nil }

func TestStuckSinkDelaysNoOther(t *testing.T) {
	clock := retrytest.NewClock(time.Now())
	backingOff := clock.Hold()
	sinks := []Sink{Async(retrying{clock}, "stuck")}
	recorders := make([]*recorder, 9)
	for i := range recorders {
		recorders[i] = &recorder{}
		sinks = append(sinks, Async(recorders[i], fmt.Sprint("ok", i)))
	}
	f := &api.Finding{Title: "pod crashed"}
	start := time.Now()
	for _, s := range sinks { // as the router does: in order, each its own copy
		if err := s.Write(context.Background(), f.Clone()); err != nil {
			t.Fatal(err)
		}
	}
	fanOut := time.Since(start)
	<-backingOff // the first sink is now waiting to retry, forever
	deadline := time.Now().Add(patience)
	for i, r := range recorders {
		for len(r.got()) == 0 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if diff := cmp.Diff([]string{"pod crashed"}, r.got()); diff != "" {
			t.Errorf("sink ok%d (-want +got):\n%s", i, diff)
		}
	}
	t.Logf("fan-out to 10 sinks, one stuck: %v", fanOut)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	for _, s := range sinks {
		if err := s.Close(ctx); err != nil {
			t.Error(err)
		}
	}
}

// noop is a sink that does nothing, or signals each write on a channel.
type noop struct{ wrote chan struct{} }

func (n noop) Write(context.Context, *api.Finding) error {
	if n.wrote != nil {
		n.wrote <- struct{}{}
	}
	return nil
}

func (noop) Close(context.Context) error { return nil }

// BenchmarkAsyncFanOut sends one finding to 1 and to 10 Async-wrapped
// no-op sinks. enqueue is what the engine waits for; clone adds the
// per-sink copy the router makes; delivered waits until every sink has it.
// ns/sink is ns/op divided by the sinks: it stays flat from 1 to 10 when a
// sink's enqueue costs the same however many others the finding goes to
// (no shared lock, no work that grows with the fan-out).
func BenchmarkAsyncFanOut(b *testing.B) {
	f := &api.Finding{Title: "pod crashed", Subject: api.Subject{Kind: "Pod", Name: "api", Labels: map[string]string{"app": "api"}}}
	f.AddEnrichment(api.MarkdownBlock("*logs*"), api.FileBlock("api.log", make([]byte, 4096)))
	run := func(b *testing.B, n int, clone, wait bool) {
		var dropped atomic.Int64
		var wrote chan struct{}
		if wait {
			wrote = make(chan struct{}, n)
		}
		sinks := make([]Sink, n)
		for i := range sinks {
			sinks[i] = Async(noop{wrote}, fmt.Sprint("s", i), OnDrop(func(string, *api.Finding) { dropped.Add(1) }))
		}
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range sinks {
				g := f
				if clone {
					g = f.Clone()
				}
				s.Write(ctx, g)
			}
			if wrote != nil {
				for range sinks {
					<-wrote
				}
			}
		}
		b.StopTimer()
		for _, s := range sinks {
			s.Close(ctx)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/sink")
		b.ReportMetric(float64(dropped.Load())/float64(b.N), "drops/op")
	}
	for _, n := range []int{1, 10} {
		b.Run(fmt.Sprintf("sinks=%d/enqueue", n), func(b *testing.B) { run(b, n, false, false) })
		b.Run(fmt.Sprintf("sinks=%d/enqueue+clone", n), func(b *testing.B) { run(b, n, true, false) })
		b.Run(fmt.Sprintf("sinks=%d/delivered", n), func(b *testing.B) { run(b, n, true, true) })
	}
}

// TestAsyncBoundsQueuedBytes: with the sink stuck, findings carrying large
// files push the oldest out once their bytes pass the budget, well before
// the count would; a finding larger than the whole budget is dropped
// itself. Every drop is reported.
func TestAsyncBoundsQueuedBytes(t *testing.T) {
	const file = 10 << 10
	r := gated()
	var d drops
	budget := 3*FindingSize(logFinding("x", file)) + 100 // room for three
	s := Async(r, "bytes", QueueSize(100), QueueBytes(budget), d.option())
	s.Write(context.Background(), logFinding("f0", file))
	if got := <-r.started; got != "f0" { // in the sink, out of the queue
		t.Fatalf("sink started %s", got)
	}
	for i := 1; i <= 5; i++ {
		s.Write(context.Background(), logFinding(fmt.Sprint("f", i), file))
	}
	s.Write(context.Background(), logFinding("huge", 4*file))
	if diff := cmp.Diff([]string{"f1", "f2", "huge"}, d.titles()); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
	close(r.gate)
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"f0", "f3", "f4", "f5"}, r.got()); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
}

func logFinding(title string, n int) *api.Finding {
	f := &api.Finding{Title: title}
	f.AddEnrichment(api.FileBlock("app.log", make([]byte, n)))
	return f
}

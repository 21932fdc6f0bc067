package engine

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// A manual run takes a worker like any event: with one worker busy on a
// change, RunAction waits in the queue and its action runs only after the
// change's action has returned, on the worker (never beside it). Its
// findings come back to the caller and reach the default sink.
func TestRunActionTakesAWorker(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	releaseOnce := sync.OnceFunc(func() { close(release) })
	var busy atomic.Bool
	hold := func(context.Context, api.ExecutionEvent) error {
		busy.Store(true)
		close(started)
		<-release
		busy.Store(false)
		return nil
	}
	rec := &recorder{}
	cfg := &config.Config{
		Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("hold", hold)}}},
		Sinks:     []config.Sink{sinkConfig(t, "main", `{}`, rec)},
	}
	e, err := New(cfg, WithWorkers(1), WithQueueSize(4))
	if err != nil {
		t.Fatal(err)
	}
	pool := e.Start(context.Background())
	t.Cleanup(func() { releaseOnce(); _ = pool.Stop(context.Background()) })
	if err := pool.SubmitChange(context.Background(), *podChange(api.OperationUpdate, pod("ns", "a", nil))); err != nil {
		t.Fatal(err)
	}
	<-started

	var ranBeside atomic.Bool
	manual := func(_ context.Context, ev api.ExecutionEvent) error {
		ranBeside.Store(busy.Load())
		ev.AddFinding(&api.Finding{Title: "manual"})
		return nil
	}
	type result struct {
		findings []*api.Finding
		err      error
	}
	done := make(chan result, 1)
	go func() {
		f, err := pool.RunAction(context.Background(), "manual", manual, &api.PodChangeEvent{}, nil, nil)
		done <- result{f, err}
	}()
	// The run waits in the worker's queue while the change holds it.
	deadline := time.Now().Add(10 * time.Second)
	for pool.Depth() != 1 {
		select {
		case r := <-done:
			t.Fatalf("RunAction returned (%v) while the only worker was busy", r.err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the manual run was never queued")
		}
		time.Sleep(time.Millisecond) // polling for a state, not waiting for time
	}
	releaseOnce()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if ranBeside.Load() {
		t.Error("the manual action ran while the worker's change action was running")
	}
	if len(r.findings) != 1 || r.findings[0].Title != "manual" {
		t.Errorf("findings %+v, want the manual one", r.findings)
	}
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	closeEngine(t, e)
	if diff := cmp.Diff([]string{"manual"}, rec.titles()); diff != "" {
		t.Errorf("sink (-want +got):\n%s", diff)
	}
}

// A stopped pool refuses a manual run with ErrClosed instead of hanging.
func TestRunActionAfterStop(t *testing.T) {
	e, err := New(&config.Config{})
	if err != nil {
		t.Fatal(err)
	}
	pool := e.Start(context.Background())
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err = pool.RunAction(context.Background(), "x", func(context.Context, api.ExecutionEvent) error { return nil }, &api.PodChangeEvent{}, nil, nil)
	if !errors.Is(err, ErrClosed) {
		t.Errorf("RunAction after Stop: %v, want ErrClosed", err)
	}
}

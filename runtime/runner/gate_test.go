package runner_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// gate is a test-only action, hold, that reports each run on started (if
// not nil) and then waits for release: the test decides when actions
// finish.
type gate struct {
	started chan string // the name of the subject of each run
	release chan struct{}
	once    sync.Once
}

// Release lets every run, current and future, finish. Tests also call it
// in a cleanup registered after the runner's, so that it runs before the
// runner is stopped (cleanups run last first) even when the test failed.
func (g *gate) Release() { g.once.Do(func() { close(g.release) }) }

// WaitStarted waits for the next run of hold and fails the test unless it
// runs on the object named want.
func (g *gate) WaitStarted(t *testing.T, want string) {
	t.Helper()
	select {
	case name := <-g.started:
		if name != want {
			t.Fatalf("hold started on %s, want %s", name, want)
		}
	case <-time.After(wait):
		t.Fatal("the action never started")
	}
}

// pkg is hold written as robusta-gen would emit it: no params, any event.
func (g *gate) pkg() registry.Package {
	var all []string
	for _, s := range trigger.Specs() {
		all = append(all, s.Name)
	}
	slices.Sort(all)
	return registry.Package{Path: "example.com/drain", Actions: []registry.Action{{
		Name: "hold", Func: "drain.Hold", Event: "api.ExecutionEvent", Triggers: all,
		Accepts: func(api.ExecutionEvent) bool { return true },
		Bind: func([]byte) (registry.Func, error) {
			return func(_ context.Context, ev api.ExecutionEvent) error {
				if g.started != nil {
					g.started <- ev.DefaultFinding().Subject.Name
				}
				<-g.release
				ev.AddEnrichment(api.MarkdownBlock("released"))
				return nil
			}, nil
		},
	}}}
}

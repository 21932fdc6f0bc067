package engine

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// TestSwapRunsEachInputOnceOnItsEngine swaps the engine while an input
// runs and others wait: those submitted before run on the old config,
// those after on the new one, each exactly once, and the old generation
// counts as drained only after its last input finished.
func TestSwapRunsEachInputOnceOnItsEngine(t *testing.T) {
	var c calls
	release := make(chan struct{})
	started := make(chan struct{})
	tagged := func(tag string) func(context.Context, api.ExecutionEvent) error {
		return func(_ context.Context, e api.ExecutionEvent) error {
			p := e.(*api.PodChangeEvent).Obj
			if p.ResourceVersion == "0" {
				close(started)
				<-release // holds the only worker: the later inputs queue
			}
			c.add(tag + p.ResourceVersion)
			return nil
		}
	}
	cfgOf := func(tag string) *config.Config {
		return &config.Config{Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")},
			Actions: []config.Action{act("r", tagged(tag))}}}}
	}
	old, err := New(cfgOf("old-"), WithWorkers(1), WithQueueSize(16))
	if err != nil {
		t.Fatal(err)
	}
	pool := old.Start(context.Background())
	submit := func(from, to int) {
		for i := from; i < to; i++ {
			p := pod("ns", "a", nil)
			p.ResourceVersion = strconv.Itoa(i)
			if err := pool.SubmitChange(context.Background(), Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: p}); err != nil {
				t.Fatal(err)
			}
		}
	}
	submit(0, 5)
	<-started
	next, err := old.Reload(cfgOf("new-"))
	if err != nil {
		t.Fatal(err)
	}
	drained := pool.Swap(next)
	if pool.Engine() != next {
		t.Fatal("Engine() is not the swapped-in engine")
	}
	submit(5, 10)
	select {
	case <-drained:
		t.Fatal("old generation drained while its first input still runs")
	default:
	}
	close(release)
	<-drained // the old engine's inputs have all run
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{"old-0", "old-1", "old-2", "old-3", "old-4", "new-5", "new-6", "new-7", "new-8", "new-9"}
	if got := c.get(); !slices.Equal(got, want) {
		t.Fatalf("runs:\n got %v\nwant %v", got, want)
	}
}

// closer is a sink that counts its closes.
type closer struct {
	recorder
	closed int
}

func (c *closer) Close(context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed++
	return nil
}

// TestReloadReopensOnlyChangedSinks reloads a config in which one sink is
// unchanged, one has new params and one is gone: only the changed one is
// opened again, and Retire closes the old engine's changed and removed
// sinks but not the one the new engine took over.
func TestReloadReopensOnlyChangedSinks(t *testing.T) {
	opened := map[string][]*closer{}
	typ := &sink.Type{Key: "closer", New: func(params []byte, _ sink.Global) (sink.Sink, error) {
		c := &closer{}
		opened[string(params)] = append(opened[string(params)], c)
		return c, nil
	}}
	mk := func(name, params string) config.Sink {
		fresh := *typ // as the loader gives them: a new *sink.Type per load
		return config.Sink{Type: &fresh, Common: sink.Common{Name: name}, Params: []byte(params)}
	}
	old, err := New(&config.Config{Sinks: []config.Sink{mk("same", `"s"`), mk("changed", `"c1"`), mk("gone", `"g"`)}})
	if err != nil {
		t.Fatal(err)
	}
	next, err := old.Reload(&config.Config{Sinks: []config.Sink{mk("same", `"s"`), mk("changed", `"c2"`), mk("added", `"a"`)}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := next.Reopened(), []string{"changed", "added"}; !slices.Equal(got, want) {
		t.Errorf("Reopened() = %v, want %v", got, want)
	}
	for params, n := range map[string]int{`"s"`: 1, `"c1"`: 1, `"c2"`: 1, `"g"`: 1, `"a"`: 1} {
		if len(opened[params]) != n {
			t.Errorf("sink with params %s opened %d times, want %d", params, len(opened[params]), n)
		}
	}
	if err := Retire(context.Background(), old, next); err != nil {
		t.Fatal(err)
	}
	for params, want := range map[string]int{`"s"`: 0, `"c1"`: 1, `"g"`: 1, `"c2"`: 0, `"a"`: 0} {
		if got := opened[params][0].closed; got != want {
			t.Errorf("after Retire, sink %s closed %d times, want %d", params, got, want)
		}
	}
	closeEngine(t, next)
	if got := opened[`"s"`][0].closed; got != 1 {
		t.Errorf("the kept sink closed %d times with the new engine, want 1", got)
	}
}

// TestReloadKeepsRateLimits fires a rate-limited derived trigger, reloads,
// and fires it again within the window: the reloaded engine blocks it, as
// the old one would have, while a new engine (a restart) fires.
func TestReloadKeepsRateLimits(t *testing.T) {
	c := &calls{}
	cfg := func() *config.Config {
		return &config.Config{Playbooks: []config.Playbook{playbookOn(t, "a", "on_pod_crash_loop", `{"rate_limit":600}`, c)}}
	}
	crash := func(d *Dispatcher, restarts int32) {
		d.Change(context.Background(), &Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: crashing("web-0", "web-rs", restarts)})
	}
	old, d := newEngine(t, cfg())
	crash(d, 3)
	next, err := old.Reload(cfg())
	if err != nil {
		t.Fatal(err)
	}
	d2 := next.NewDispatcher(context.Background())
	defer d2.Close()
	crash(d2, 4)
	if got := len(c.get()); got != 1 {
		t.Fatalf("%d runs after the reload, want 1: the reloaded engine must keep the limit", got)
	}
	_, d3 := newEngine(t, cfg())
	crash(d3, 5)
	if got := len(c.get()); got != 2 {
		t.Fatalf("%d runs, want 2: a new engine starts without limits", got)
	}
}

// TestSwapDrainsInOrder swaps twice while an input of the first engine
// still runs: the second engine's generation, empty, must not count as
// drained before the first one is, since the first may use sinks the
// second took over and Retire would close them under it.
func TestSwapDrainsInOrder(t *testing.T) {
	release, started := make(chan struct{}), make(chan struct{})
	hold := func(context.Context, api.ExecutionEvent) error { close(started); <-release; return nil }
	cfg := &config.Config{Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")},
		Actions: []config.Action{act("hold", hold)}}}}
	first, err := New(cfg, WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	pool := first.Start(context.Background())
	if err := pool.SubmitChange(context.Background(), *podChange(api.OperationUpdate, pod("ns", "a", nil))); err != nil {
		t.Fatal(err)
	}
	<-started
	second, err := first.Reload(&config.Config{})
	if err != nil {
		t.Fatal(err)
	}
	firstDrained := pool.Swap(second)
	third, err := second.Reload(&config.Config{})
	if err != nil {
		t.Fatal(err)
	}
	secondDrained := pool.Swap(third)
	select {
	case <-secondDrained:
		t.Fatal("the second generation counts as drained while the first still runs an input")
	case <-firstDrained:
		t.Fatal("the first generation counts as drained while its input runs")
	default:
	}
	close(release)
	<-firstDrained
	<-secondDrained
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}

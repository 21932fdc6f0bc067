package engine

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

func TestPoolKeepsPerObjectOrder(t *testing.T) {
	var mu sync.Mutex
	seen := map[string][]int{}
	record := func(_ context.Context, e api.ExecutionEvent) error {
		p := e.(*api.PodChangeEvent).Obj
		n, _ := strconv.Atoi(p.ResourceVersion)
		mu.Lock()
		seen[p.Name] = append(seen[p.Name], n)
		mu.Unlock()
		return nil
	}
	cfg := &config.Config{Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("r", record)}}}}
	e, err := New(cfg, WithWorkers(4), WithQueueSize(2))
	if err != nil {
		t.Fatal(err)
	}
	pool := e.Start(context.Background())
	const objects, updates = 20, 50
	var wg sync.WaitGroup
	for o := range objects {
		wg.Go(func() {
			for u := range updates {
				p := pod("ns", fmt.Sprintf("pod-%d", o), nil)
				p.ResourceVersion = strconv.Itoa(u)
				if err := pool.SubmitChange(context.Background(), Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: p}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(seen) != objects {
		t.Fatalf("saw %d objects, want %d", len(seen), objects)
	}
	for name, seq := range seen {
		if len(seq) != updates {
			t.Errorf("%s: %d updates ran, want %d", name, len(seq), updates)
		}
		for i, n := range seq {
			if n != i {
				t.Errorf("%s: update %d ran at position %d", name, n, i)
				break
			}
		}
	}
}

func TestPoolRunsObjectsConcurrently(t *testing.T) {
	otherRan := make(chan struct{})
	var once sync.Once
	action := func(ctx context.Context, e api.ExecutionEvent) error {
		if e.(*api.PodChangeEvent).Obj.Name == "blocker" {
			select { // holds its worker until another object's action ran
			case <-otherRan:
				return nil
			case <-ctx.Done():
				return errors.New("no other object ran while blocker held its worker")
			}
		}
		once.Do(func() { close(otherRan) })
		return nil
	}
	failures := NewMetrics(nil)
	cfg := &config.Config{Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("a", action)}}}}
	e, err := New(cfg, WithWorkers(4), WithMetrics(failures), WithActionTimeout(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	pool := e.Start(context.Background())
	submit := func(name string) {
		if err := pool.SubmitChange(context.Background(), Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: pod("ns", name, nil)}); err != nil {
			t.Fatal(err)
		}
	}
	submit("blocker")
	for i := range 16 { // with 4 workers, some land on another worker than blocker
		submit(fmt.Sprintf("other-%d", i))
	}
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-otherRan:
	default:
		t.Fatal("no other object ran")
	}
}

func TestPoolBackpressureWaitsInsteadOfDropping(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var ran sync.WaitGroup
	ran.Add(2)
	action := func(context.Context, api.ExecutionEvent) error {
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
		ran.Done()
		return nil
	}
	cfg := &config.Config{Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("a", action)}}}}
	e, err := New(cfg, WithWorkers(1), WithQueueSize(1))
	if err != nil {
		t.Fatal(err)
	}
	pool := e.Start(context.Background())
	change := Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: pod("ns", "p", nil)}
	if err := pool.SubmitChange(context.Background(), change); err != nil {
		t.Fatal(err)
	}
	<-started // the worker holds the first change
	if err := pool.SubmitChange(context.Background(), change); err != nil {
		t.Fatal(err) // the second fills the queue
	}
	if got := pool.Depth(); got != 1 {
		t.Errorf("depth = %d, want 1", got)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if err := pool.SubmitChange(canceled, change); !errors.Is(err, context.Canceled) {
		t.Errorf("submit to a full queue = %v, want it to wait until its context ends", err)
	}
	close(release)
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	ran.Wait() // both accepted changes ran
	if err := pool.SubmitChange(context.Background(), change); !errors.Is(err, ErrClosed) {
		t.Errorf("submit after stop = %v, want ErrClosed", err)
	}
}

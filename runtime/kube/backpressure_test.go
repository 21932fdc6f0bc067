package kube_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// gated is a Submitter that takes nothing until open is closed: an engine
// whose actions are slower than the cluster changes. It records, per pod,
// the gen labels of the updates it took, in order.
type gated struct {
	open  chan struct{}
	mu    sync.Mutex
	calls int
	gens  map[string][]int
}

func (g *gated) SubmitChange(ctx context.Context, c engine.Change) error {
	g.mu.Lock()
	g.calls++
	g.mu.Unlock()
	select {
	case <-g.open:
	case <-ctx.Done():
		return ctx.Err()
	}
	if c.Operation != api.OperationUpdate {
		return nil
	}
	gen, err := strconv.Atoi(c.Obj.GetLabels()["gen"])
	if err != nil {
		return nil // not one of the test's updates
	}
	g.mu.Lock()
	g.gens[c.Obj.GetName()] = append(g.gens[c.Obj.GetName()], gen)
	g.mu.Unlock()
	return nil
}

func (g *gated) snapshot() (int, map[string][]int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := map[string][]int{}
	for k, v := range g.gens {
		out[k] = append([]int(nil), v...)
	}
	return g.calls, out
}

// Updates arrive far faster than the engine takes them (it takes none
// until the flood is over). The Source holds at most one change while it
// waits, instead of queueing every notification as a shared informer
// does, and once the engine takes changes again every pod's latest state
// arrives, in order, with nothing dropped.
func TestSourceBackpressureBoundsBufferingAndKeepsLatestState(t *testing.T) {
	env := kubetest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pods := env.Client.CoreV1().Pods("default")
	const podCount, gens = 8, 40
	for i := range podCount {
		if _, err := pods.Create(ctx, newPod(fmt.Sprintf("flood-%d", i)), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	sub := &gated{open: make(chan struct{}), gens: map[string][]int{}}
	dropped := kube.NewDroppedCounter()
	src, err := kube.NewSource(env.Client, podKind(), sub, kube.WithDropped(dropped))
	if err != nil {
		t.Fatal(err)
	}
	src.Start(ctx)
	t.Cleanup(func() { cancel(); src.Shutdown() })
	waitSynced(t, src)

	var wg sync.WaitGroup
	var mu sync.Mutex
	maxPending := 0
	for i := range podCount {
		wg.Go(func() {
			name := fmt.Sprintf("flood-%d", i)
			for gen := 1; gen <= gens; gen++ {
				patch := fmt.Sprintf(`{"metadata":{"labels":{"gen":"%d"}}}`, gen)
				if _, err := pods.Patch(ctx, name, types.MergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				maxPending = max(maxPending, src.Pending())
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	kubetest.Eventually(t, 30*time.Second, "the first update to reach the blocked engine", func() bool { calls, _ := sub.snapshot(); return calls > 0 })
	if calls, _ := sub.snapshot(); calls != 1 || maxPending > 1 || src.Pending() != 1 {
		t.Fatalf("while the engine took nothing: %d submissions, at most %d changes pending, %d now; want 1, 1, 1 "+
			"(the watch waits instead of buffering %d updates)", calls, maxPending, src.Pending(), podCount*gens)
	}

	close(sub.open)
	kubetest.Eventually(t, 60*time.Second, "every pod's latest state to be processed", func() bool {
		_, got := sub.snapshot()
		for i := range podCount {
			g := got[fmt.Sprintf("flood-%d", i)]
			if len(g) == 0 || g[len(g)-1] != gens {
				return false
			}
		}
		return true
	})
	_, got := sub.snapshot()
	n := 0
	for name, g := range got {
		n += len(g)
		for i := 1; i < len(g); i++ {
			if g[i] <= g[i-1] {
				t.Errorf("%s: gen %d processed after gen %d: an older state after a newer one", name, g[i], g[i-1])
			}
		}
	}
	// Fewer than all when the API server gave up on the stalled watch and
	// the Source relisted: the states in between are merged, not lost.
	t.Logf("%d of %d updates processed one by one", n, podCount*gens)
	if n := testutil.ToFloat64(dropped.WithLabelValues("Pod")); n != 0 {
		t.Errorf("robusta_events_dropped_total = %v, want 0", n)
	}
}

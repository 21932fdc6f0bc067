package engine

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// clock is a settable time for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var start = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// crashing is a pod of owner (none when "") whose container waits in
// CrashLoopBackOff after restarts restarts.
func crashing(name, owner string, restarts int32) *corev1.Pod {
	p := pod("prod", name, nil)
	if owner != "" {
		p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: owner}}
	}
	p.Status.StartTime = &metav1.Time{Time: start}
	p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "app", RestartCount: restarts, State: corev1.ContainerState{
		Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"},
	}}}
	return p
}

func playbookOn(t *testing.T, name, trigger_, params string, c *calls) config.Playbook {
	return config.Playbook{Name: name, Triggers: []*trigger.Trigger{trig(t, trigger_, params)}, Actions: []config.Action{act(name, c.record(name))}}
}

// The crash-loop trigger fires once per owner per rate_limit: a further
// restart within the window, and another pod of the same owner, do not
// fire; another playbook has its own limit; a blocked fire records
// nothing, so the window counts from the fire that passed.
func TestRateLimitPerPlaybookAndOwner(t *testing.T) {
	c := &calls{}
	clk := &clock{now: start}
	cfg := &config.Config{Playbooks: []config.Playbook{
		playbookOn(t, "a", "on_pod_crash_loop", `{"rate_limit":600}`, c),
		playbookOn(t, "b", "on_pod_crash_loop", `{"rate_limit":600}`, c),
	}}
	_, d := newEngine(t, cfg, WithClock(clk.Now))
	ctx := context.Background()
	send := func(p *corev1.Pod) { d.Change(ctx, &Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: p}) }

	send(crashing("web-0", "web-rs", 3)) // a and b fire
	clk.Add(5 * time.Minute)
	send(crashing("web-0", "web-rs", 4)) // a further restart: limited
	send(crashing("web-1", "web-rs", 3)) // the same owner: limited
	send(crashing("api-0", "", 3))       // its own key: fires
	clk.Add(5*time.Minute + time.Second)
	send(crashing("web-1", "web-rs", 5)) // 10m1s after the first fire: fires

	want := []string{"a:PodChangeEvent", "b:PodChangeEvent", "a:PodChangeEvent", "b:PodChangeEvent", "a:PodChangeEvent", "b:PodChangeEvent"}
	if diff := cmp.Diff(want, c.get()); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

// Two playbooks with the same name keep separate limits: the id is the
// name made unique.
func TestRateLimitSameNamedPlaybooks(t *testing.T) {
	c := &calls{}
	cfg := &config.Config{Playbooks: []config.Playbook{
		playbookOn(t, "same", "on_pod_crash_loop", `{}`, c),
		playbookOn(t, "same", "on_pod_crash_loop", `{}`, c),
	}}
	_, d := newEngine(t, cfg)
	d.Change(context.Background(), &Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: crashing("web-0", "", 3)})
	if got := len(c.get()); got != 2 {
		t.Errorf("%d runs, want 2", got)
	}
}

// A rate-limited trigger lets the playbook's next trigger fire.
func TestRateLimitedTriggerTriesTheNext(t *testing.T) {
	c := &calls{}
	pb := playbookOn(t, "p", "on_pod_crash_loop", `{}`, c)
	pb.Triggers = append(pb.Triggers, trig(t, "on_pod_update", `{}`))
	_, d := newEngine(t, &config.Config{Playbooks: []config.Playbook{pb}})
	for range 2 {
		d.Change(context.Background(), &Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: crashing("web-0", "", 3)})
	}
	if got := len(c.get()); got != 2 {
		t.Errorf("%d runs, want 2 (the crash loop, then on_pod_update)", got)
	}
}

// fire_delay reads the engine's clock.
func TestFireDelayUsesTheEngineClock(t *testing.T) {
	c := &calls{}
	clk := &clock{now: start.Add(time.Minute)}
	cfg := &config.Config{Playbooks: []config.Playbook{playbookOn(t, "p", "on_image_pull_backoff", `{"rate_limit":0}`, c)}}
	_, d := newEngine(t, cfg, WithClock(clk.Now))
	p := crashing("web-0", "", 0)
	p.Status.ContainerStatuses[0].State.Waiting.Reason = "ImagePullBackOff"
	send := func() { d.Change(context.Background(), &Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: p}) }
	send() // started a minute ago: within the default 120s
	if got := c.get(); len(got) != 0 {
		t.Fatalf("fired within fire_delay: %q", got)
	}
	clk.Add(time.Minute)
	send()
	send() // rate_limit 0: no limit
	if got := len(c.get()); got != 2 {
		t.Errorf("%d runs after fire_delay, want 2", got)
	}
}

// on_kubernetes_resource_operation with resources is indexed under those
// kinds only: the runner watches no other kind for it.
func TestResourceOperationKinds(t *testing.T) {
	c := &calls{}
	cfg := &config.Config{Playbooks: []config.Playbook{
		playbookOn(t, "p", "on_kubernetes_resource_operation", `{"resources":["deployment","ingress"]}`, c),
	}}
	e, d := newEngine(t, cfg)
	got := e.Kinds()
	if diff := cmp.Diff([]string{"Deployment", "Ingress"}, slices.Sorted(slices.Values(got))); diff != "" || e.WantsAnyResource() {
		t.Errorf("Kinds = %q, WantsAnyResource = %v; want Deployment and Ingress only", got, e.WantsAnyResource())
	}
	d.Change(context.Background(), podChange(api.OperationCreate, pod("prod", "web-0", nil)))
	d.Change(context.Background(), &Change{Kind: "Ingress", Operation: api.OperationCreate, Obj: pod("prod", "web", nil)})
	if diff := cmp.Diff([]string{"p:AnyResourceChangeEvent"}, c.get()); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// derivedPodTriggers are a playbook per derived pod trigger, each with its
// defaults: benchPod (running, no restarts) matches none of them.
var derivedPodTriggers = []string{"on_pod_crash_loop", "on_image_pull_backoff", "on_pod_oom_killed", "on_container_oom_killed", "on_pod_evicted"}

// benchConfig is 100 playbooks with mixed triggers and filters: pod and
// deployment triggers with name, namespace, label and scope filters, and
// any-resource triggers. Only a pod named "hit-7" in namespace "team-7"
// with label app=web matches, and only playbook 7. With derived, a
// playbook per derived pod trigger follows.
func benchConfig(b testing.TB, derived bool) *config.Config {
	noop := func(context.Context, api.ExecutionEvent) error { return nil }
	cfg := &config.Config{}
	for i := range 100 {
		var tr *trigger.Trigger
		switch i % 5 {
		case 0:
			tr = trig(b, "on_pod_update", fmt.Sprintf(`{"name_prefix":"hit-%d","namespace_prefix":"team-%d"}`, i, i))
		case 1:
			tr = trig(b, "on_pod_all_changes", fmt.Sprintf(`{"labels_selector":"app=web,shard=s%d"}`, i))
		case 2:
			tr = trig(b, "on_pod_update", fmt.Sprintf(`{"scope":{"include":[{"name":"hit-%d","labels":"app=web"}],"exclude":[{"namespace":"kube-.*"}]}}`, i))
		case 3:
			tr = trig(b, "on_deployment_update", fmt.Sprintf(`{"name_prefix":"hit-%d"}`, i))
		case 4:
			tr = trig(b, "on_kubernetes_any_resource_update", fmt.Sprintf(`{"name_prefix":"hit-%d-"}`, i))
		}
		cfg.Playbooks = append(cfg.Playbooks, config.Playbook{
			Name: fmt.Sprintf("pb-%d", i), Triggers: []*trigger.Trigger{tr}, Actions: []config.Action{act("noop", noop)},
		})
	}
	for _, name := range derivedPodTriggers {
		if derived {
			cfg.Playbooks = append(cfg.Playbooks, config.Playbook{Name: name, Triggers: []*trigger.Trigger{trig(b, name, `{}`)}, Actions: []config.Action{act("noop", noop)}})
		}
	}
	return cfg
}

// benchPod is a running pod with a running container and an init
// container that completed, so that the derived triggers read statuses.
func benchPod(name string) *corev1.Pod {
	p := pod("team-7", name, map[string]string{"app": "web"})
	p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: "web-5d4f"}}
	p.Status = corev1.PodStatus{
		Phase:     corev1.PodRunning,
		StartTime: &metav1.Time{Time: time.Unix(1_700_000_000, 0)},
		ContainerStatuses: []corev1.ContainerStatus{{
			Name: "web", Ready: true, State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}},
		}},
		InitContainerStatuses: []corev1.ContainerStatus{{
			Name: "init", State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Completed"}},
		}},
	}
	return p
}

// BenchmarkDispatch reports ns/event and allocs/event for one change at a
// time through 100 playbooks: (a) none matches; (b) exactly one matches and
// runs a no-op action (the event it builds is the one allocation); the
// _derived cases add a playbook per derived pod trigger, none of which
// matches.
func BenchmarkDispatch(b *testing.B) {
	for _, bc := range []struct {
		name    string
		pod     string
		derived bool
	}{{"no_match", "web-0", false}, {"one_match", "hit-7", false}, {"no_match_derived", "web-0", true}, {"one_match_derived", "hit-7", true}} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := New(benchConfig(b, bc.derived))
			if err != nil {
				b.Fatal(err)
			}
			d := e.NewDispatcher(context.Background())
			defer d.Close()
			change := podChange(api.OperationUpdate, benchPod(bc.pod))
			change.Old = benchPod(bc.pod)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				d.Change(ctx, change)
			}
		})
	}
}

func TestDispatchAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	// Every derived pod trigger is configured; the update matches none.
	e, err := New(benchConfig(t, true))
	if err != nil {
		t.Fatal(err)
	}
	d := e.NewDispatcher(context.Background())
	defer d.Close()
	for _, tc := range []struct {
		pod  string
		want float64
	}{{"web-0", 0}, {"hit-7", 1}} {
		change := podChange(api.OperationUpdate, benchPod(tc.pod))
		change.Old = benchPod(tc.pod)
		if got := testing.AllocsPerRun(200, func() { d.Change(context.Background(), change) }); got > tc.want {
			t.Errorf("%s: %v allocs per change, want at most %v", tc.pod, got, tc.want)
		}
	}
}

package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// benchConfig is 100 playbooks with mixed triggers and filters: pod and
// deployment triggers with name, namespace, label and scope filters, and
// any-resource triggers. Only a pod named "hit-7" in namespace "team-7"
// with label app=web matches, and only playbook 7.
func benchConfig(b testing.TB) *config.Config {
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
	return cfg
}

// BenchmarkDispatch reports ns/event and allocs/event for one change at a
// time through 100 playbooks: (a) none matches; (b) exactly one matches and
// runs a no-op action (the event it builds is the one allocation).
func BenchmarkDispatch(b *testing.B) {
	for _, bc := range []struct {
		name string
		pod  string
	}{{"no_match", "web-0"}, {"one_match", "hit-7"}} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := New(benchConfig(b))
			if err != nil {
				b.Fatal(err)
			}
			d := e.NewDispatcher(context.Background())
			defer d.Close()
			change := podChange(api.OperationUpdate, pod("team-7", bc.pod, map[string]string{"app": "web"}))
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
	e, err := New(benchConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	d := e.NewDispatcher(context.Background())
	defer d.Close()
	for _, tc := range []struct {
		pod  string
		want float64
	}{{"web-0", 0}, {"hit-7", 1}} {
		change := podChange(api.OperationUpdate, pod("team-7", tc.pod, map[string]string{"app": "web"}))
		if got := testing.AllocsPerRun(200, func() { d.Change(context.Background(), change) }); got > tc.want {
			t.Errorf("%s: %v allocs per change, want at most %v", tc.pod, got, tc.want)
		}
	}
}

package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

func TestPlaybooksAndActionsRunInConfigOrder(t *testing.T) {
	var c calls
	cfg := &config.Config{Playbooks: []config.Playbook{
		{Name: "a", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("a1", c.record("a1")), act("a2", c.record("a2"))}},
		{Name: "skipped", Triggers: []*trigger.Trigger{trig(t, "on_pod_create", "")}, Actions: []config.Action{act("x", c.record("x"))}},
		{Name: "b", Triggers: []*trigger.Trigger{trig(t, "on_kubernetes_any_resource_all_changes", "")}, Actions: []config.Action{act("b1", c.record("b1"))}},
		{Name: "c", Triggers: []*trigger.Trigger{trig(t, "on_pod_all_changes", `{"namespace_prefix":"prod"}`)}, Actions: []config.Action{act("c1", c.record("c1"))}},
	}}
	_, d := newEngine(t, cfg)
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("prod-eu", "web-1", nil)))
	want := []string{"a1:PodChangeEvent", "a2:PodChangeEvent", "b1:AnyResourceChangeEvent", "c1:PodChangeEvent"}
	if diff := cmp.Diff(want, c.get()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestFirstMatchingTriggerFires(t *testing.T) {
	var c calls
	cfg := &config.Config{Playbooks: []config.Playbook{{
		Name: "p",
		Triggers: []*trigger.Trigger{
			trig(t, "on_pod_update", `{"name_prefix":"db-"}`),
			trig(t, "on_kubernetes_any_resource_update", ""),
			trig(t, "on_pod_update", ""),
		},
		Actions: []config.Action{act("a", c.record("a"))},
	}}}
	_, d := newEngine(t, cfg)
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("ns", "db-0", nil)))
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("ns", "web-0", nil)))
	d.Change(context.Background(), podChange(api.OperationDelete, pod("ns", "web-0", nil)))
	// Once per change, with the event of the first trigger that matched; the
	// delete fires nothing.
	want := []string{"a:PodChangeEvent", "a:AnyResourceChangeEvent"}
	if diff := cmp.Diff(want, c.get()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestFiltersDecide(t *testing.T) {
	var c calls
	cfg := &config.Config{Playbooks: []config.Playbook{{
		Name:     "p",
		Triggers: []*trigger.Trigger{trig(t, "on_pod_create", `{"labels_selector":"app=web","scope":{"exclude":[{"namespace":"kube-.*"}]}}`)},
		Actions:  []config.Action{act("a", c.record("a"))},
	}}}
	_, d := newEngine(t, cfg)
	for _, p := range []struct {
		ns     string
		labels map[string]string
	}{{"default", map[string]string{"app": "web"}}, {"default", map[string]string{"app": "db"}}, {"kube-system", map[string]string{"app": "web"}}} {
		d.Change(context.Background(), podChange(api.OperationCreate, pod(p.ns, "x", p.labels)))
	}
	if got := len(c.get()); got != 1 {
		t.Errorf("fired %d times, want 1 (only app=web outside kube-*)", got)
	}
}

func TestStop(t *testing.T) {
	var c calls
	stopper := func(_ context.Context, e api.ExecutionEvent) error { c.add("stopper"); e.StopProcessing(); return nil }
	for _, tc := range []struct {
		name string
		cfg  *config.Config
		want []string
	}{{
		name: "playbook stop ends later playbooks",
		cfg: &config.Config{Playbooks: []config.Playbook{
			{Name: "1", Stop: true, Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("a", c.record("a")), act("b", c.record("b"))}},
			{Name: "2", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("c", c.record("c"))}},
		}},
		want: []string{"a:PodChangeEvent", "b:PodChangeEvent"},
	}, {
		name: "StopProcessing skips later actions and playbooks",
		cfg: &config.Config{Playbooks: []config.Playbook{
			{Name: "1", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("a", c.record("a")), act("s", stopper), act("b", c.record("b"))}},
			{Name: "2", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("c", c.record("c"))}},
		}},
		want: []string{"a:PodChangeEvent", "stopper"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			c = calls{}
			_, d := newEngine(t, tc.cfg)
			d.Change(context.Background(), podChange(api.OperationUpdate, pod("ns", "p", nil)))
			if diff := cmp.Diff(tc.want, c.get()); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFailingActionsAreCountedAndTheNextRuns(t *testing.T) {
	var c calls
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	sawDeadline := make(chan error, 1)
	cfg := &config.Config{Playbooks: []config.Playbook{{
		Name:     "p",
		Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")},
		Actions: []config.Action{
			act("fails", func(context.Context, api.ExecutionEvent) error { return errors.New("boom") }),
			act("panics", func(context.Context, api.ExecutionEvent) error { panic("kaboom") }),
			// Ignores its context: the engine must abandon it.
			act("hangs", func(context.Context, api.ExecutionEvent) error { <-release; return nil }),
			// Honours its context: it sees the deadline pass.
			act("waits", func(ctx context.Context, _ api.ExecutionEvent) error {
				<-ctx.Done()
				sawDeadline <- ctx.Err()
				return ctx.Err()
			}),
			act("after", c.record("after")),
		},
	}}}
	metrics := NewMetrics(nil)
	var logs strings.Builder
	_, d := newEngine(t, cfg, WithActionTimeout(50*time.Millisecond), WithMetrics(metrics), WithLogger(newTextLogger(&logs)))
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("ns", "p", nil)))

	if diff := cmp.Diff([]string{"after:PodChangeEvent"}, c.get()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if err := <-sawDeadline; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting action saw %v, want DeadlineExceeded", err)
	}
	for _, want := range []struct{ action, reason string }{{"fails", "error"}, {"panics", "panic"}, {"hangs", "timeout"}, {"waits", "timeout"}} {
		got := testutil.ToFloat64(metrics.ActionErrors.WithLabelValues(want.action, want.reason))
		if got != 1 {
			t.Errorf("errors{action=%s,reason=%s} = %v, want 1", want.action, want.reason, got)
		}
	}
	for _, want := range []string{`action=fails`, `error=boom`, `action=panics`, `kaboom`, `playbook=p`, `action=hangs`, `reason=timeout`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
}

package goodpb_test

// This test runs in a generated copy of the repo (gen's TestGoGenerate): it
// exercises the adapters robusta-gen wrote.

import (
	"context"
	"errors"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"

	"example.com/goodpb"
	"example.com/goodpb/alerts"
	"example.com/goodpb/changes"
	"example.com/goodpb/pods"
)

func set(t *testing.T) *registry.Set {
	t.Helper()
	s, err := registry.NewSet(goodpb.Actions, alerts.Actions, changes.Actions, pods.Actions)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func lookup(t *testing.T, name string) *registry.Action {
	t.Helper()
	a, ok := set(t).Lookup(name)
	if !ok {
		t.Fatalf("no action %s", name)
	}
	return a
}

// eventOf builds the concrete event each trigger produces.
func eventOf(s *trigger.Spec) api.ExecutionEvent {
	switch s.Class {
	case trigger.Alert:
		return &api.PrometheusAlertEvent{}
	case trigger.Schedule:
		return &api.ScheduledEvent{}
	}
	return trigger.NewChangeEvent(s, api.OperationUpdate, nil, nil)
}

// TestAcceptsAgreesWithTriggers checks the type checker's answer (Triggers)
// against the generated type assertion (Accepts), for every action and
// every trigger.
func TestAcceptsAgreesWithTriggers(t *testing.T) {
	s := set(t)
	for _, name := range s.Names() {
		a, _ := s.Lookup(name)
		for _, spec := range trigger.Specs() {
			if got, want := a.Accepts(eventOf(&spec)), a.AcceptsTrigger(spec.Name); got != want {
				t.Errorf("%s under %s: Accepts = %v, Triggers says %v", name, spec.Name, got, want)
			}
		}
	}
}

func TestBindPointerParams(t *testing.T) {
	a := lookup(t, "pod_oom_killer")
	run, err := a.Bind([]byte(`{"mode":"delete","delay":"30s","limits":{"max_pods":2,"grace":"1m"}}`))
	if err != nil {
		t.Fatal(err)
	}
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-1", Namespace: "default"}}
	ev := &api.PodChangeEvent{Obj: pod, Operation: api.OperationUpdate}
	if err := run(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	if n := len(ev.Execution().Findings()); n != 1 {
		t.Errorf("findings = %d, want 1", n)
	}
	if err := run(context.Background(), &api.ScheduledEvent{}); !errors.Is(err, registry.ErrEventMismatch) {
		t.Errorf("run on a scheduled event = %v, want ErrEventMismatch", err)
	}
	if _, err := a.Bind([]byte(`{"mode":"delete","delay":"soon","limits":{"max_pods":2}}`)); err == nil {
		t.Error("Bind accepted a bad duration")
	}
}

func TestBindNoParams(t *testing.T) {
	a := lookup(t, "echo_line")
	if a.Schema != "" {
		t.Errorf("Schema = %q, want none", a.Schema)
	}
	if _, err := a.Bind([]byte(`{"stray":1}`)); err == nil {
		t.Error("Bind accepted params for an action that takes none")
	}
	run, err := a.Bind(nil)
	if err != nil {
		t.Fatal(err)
	}
	ev := &api.ScheduledEvent{}
	if err := run(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	if n := len(ev.Execution().Findings()); n != 1 {
		t.Errorf("findings = %d, want 1", n)
	}
}

func TestRegistryFields(t *testing.T) {
	a := lookup(t, "deployment_status_report")
	if a.Func != "changes.DeploymentStatus" || a.Event != "api.DeploymentEvent" {
		t.Errorf("Func, Event = %q, %q", a.Func, a.Event)
	}
	for _, want := range []string{"on_deployment_update", "on_prometheus_alert"} {
		if !slices.Contains(a.Triggers, want) {
			t.Errorf("Triggers lack %s: %v", want, a.Triggers)
		}
	}
	if !slices.IsSorted(a.Triggers) {
		t.Errorf("Triggers not sorted: %v", a.Triggers)
	}
}

package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// texts lists a finding's markdown blocks, in order.
func texts(f *api.Finding) []string {
	var out []string
	for _, e := range f.Enrichments {
		for _, b := range e.Blocks {
			if m, ok := b.(api.Markdown); ok {
				out = append(out, m.Text)
			}
		}
	}
	return out
}

// TestTimedOutActionCannotTouchRoutedEvent: an action that ignores its
// context goes on after its timeout, adds an enrichment and a finding and
// stops processing. None of it may reach the findings the engine routes,
// nor stop the later playbook; the later action of its own playbook still
// adds to the finding. The late action's calls are made, in order, while
// the engine is still running the input (the next action waits for them),
// so without the fence they would be routed.
func TestTimedOutActionCannotTouchRoutedEvent(t *testing.T) {
	release, lateDone := make(chan struct{}), make(chan struct{})
	cfg := &config.Config{Playbooks: []config.Playbook{{
		Name:     "p",
		Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")},
		Actions: []config.Action{
			act("before", enrich("before")),
			act("hangs", func(ctx context.Context, e api.ExecutionEvent) error {
				e.AddEnrichment(api.MarkdownBlock("in time"))
				<-release // ignores ctx
				e.AddEnrichment(api.MarkdownBlock("late"))
				e.AddFinding(&api.Finding{Title: "late finding"})
				e.StopProcessing()
				close(lateDone)
				return nil
			}),
			act("after", func(_ context.Context, e api.ExecutionEvent) error {
				close(release)
				<-lateDone
				e.AddEnrichment(api.MarkdownBlock("after"))
				return nil
			}),
		},
	}, {
		Name:     "p2",
		Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")},
		Actions:  []config.Action{act("second", enrich("second playbook"))},
	}}}
	var rec recorder
	cfg.Sinks = []config.Sink{sinkConfig(t, "rec", `{}`, &rec)}
	metrics := NewMetrics(nil)
	var logs strings.Builder
	e, d := newEngine(t, cfg, WithActionTimeout(50*time.Millisecond), WithMetrics(metrics), WithLogger(newTextLogger(&logs)))
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("ns", "web", nil)))
	closeEngine(t, e)

	if len(rec.findings) != 1 {
		t.Fatalf("delivered %q, want one finding", rec.titles())
	}
	want := []string{"before", "in time", "after", "second playbook"}
	if diff := cmp.Diff(want, texts(rec.findings[0])); diff != "" {
		t.Errorf("delivered blocks (-want +got):\n%s", diff)
	}
	for _, call := range []string{"AddEnrichment", "AddFinding", "StopProcessing"} {
		if got := testutil.ToFloat64(metrics.ActionLateCalls.WithLabelValues("hangs", call)); got != 1 {
			t.Errorf("late_calls{action=hangs,call=%s} = %v, want 1", call, got)
		}
	}
	if !strings.Contains(logs.String(), "ignored a call of a timed-out action") || !strings.Contains(logs.String(), "call=AddFinding") {
		t.Errorf("log lacks the ignored calls:\n%s", logs.String())
	}
}

// TestTimedOutActionRacesNothing: the abandoned action keeps adding while
// the engine routes, unsynchronised; go test -race checks that the two
// share no memory. Every call made after the action saw its ctx end is
// ignored and counted.
func TestTimedOutActionRacesNothing(t *testing.T) {
	const lateCalls = 200
	done := make(chan struct{})
	cfg := &config.Config{Playbooks: []config.Playbook{{
		Name:     "p",
		Triggers: []*trigger.Trigger{trig(t, "on_prometheus_alert", `{}`)},
		Actions: []config.Action{
			act("hangs", func(ctx context.Context, e api.ExecutionEvent) error {
				defer close(done)
				e.AddEnrichment(api.MarkdownBlock("in time"))
				<-ctx.Done()
				for range lateCalls {
					e.AddEnrichment(api.MarkdownBlock("late"))
				}
				return nil
			}),
			act("after", enrich("after")),
		},
	}}}
	var rec recorder
	cfg.Sinks = []config.Sink{sinkConfig(t, "rec", `{}`, &rec)}
	metrics := NewMetrics(nil)
	e, d := newEngine(t, cfg, WithActionTimeout(20*time.Millisecond), WithMetrics(metrics))
	d.Alert(context.Background(), &api.PrometheusAlertEvent{Alert: api.Alert{Name: "HighLoad", Status: "firing"}})
	closeEngine(t, e)
	<-done

	if len(rec.findings) != 1 {
		t.Fatalf("delivered %q, want one finding", rec.titles())
	}
	if diff := cmp.Diff([]string{"in time", "after"}, texts(rec.findings[0])); diff != "" {
		t.Errorf("delivered blocks (-want +got):\n%s", diff)
	}
	if got := testutil.ToFloat64(metrics.ActionLateCalls.WithLabelValues("hangs", "AddEnrichment")); got != lateCalls {
		t.Errorf("late_calls = %v, want %d", got, lateCalls)
	}
}

package engine

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// enrich adds one markdown block, which starts the event's default finding.
func enrich(text string) registry.Func {
	return func(_ context.Context, e api.ExecutionEvent) error {
		e.AddEnrichment(api.MarkdownBlock(text))
		return nil
	}
}

func finding(title string) registry.Func {
	return func(_ context.Context, e api.ExecutionEvent) error {
		e.AddFinding(&api.Finding{Title: title, Subject: api.Subject{Labels: map[string]string{"team": "a"}}})
		return nil
	}
}

func TestRouting(t *testing.T) {
	onUpdate := func() []*trigger.Trigger { return []*trigger.Trigger{trig(t, "on_pod_update", "")} }
	for _, tc := range []struct {
		name      string
		sinks     []string // common params of sinks a, b, c
		playbooks []config.Playbook
		want      map[string][]string // sink -> titles
	}{{
		name:      "default sinks get findings of playbooks that name none",
		sinks:     []string{`{}`, `{"default":false}`, `{"default":true}`},
		playbooks: []config.Playbook{{Name: "p", Triggers: onUpdate(), Actions: []config.Action{act("f", finding("F"))}}},
		want:      map[string][]string{"a": {"F"}, "c": {"F"}},
	}, {
		name:      "a playbook's sinks replace the defaults, default:false included",
		sinks:     []string{`{}`, `{"default":false}`, `{}`},
		playbooks: []config.Playbook{{Name: "p", Sinks: []string{"b"}, Triggers: onUpdate(), Actions: []config.Action{act("f", finding("F"))}}},
		want:      map[string][]string{"b": {"F"}},
	}, {
		name:      "a sink with stop ends routing",
		sinks:     []string{`{}`, `{"stop":true}`, `{}`},
		playbooks: []config.Playbook{{Name: "p", Triggers: onUpdate(), Actions: []config.Action{act("f", finding("F"))}}},
		want:      map[string][]string{"a": {"F"}, "b": {"F"}},
	}, {
		name:      "a stop sink whose scope refuses the finding does not stop",
		sinks:     []string{`{"stop":true,"scope":{"include":[{"title":"other"}]}}`, `{}`, `{}`},
		playbooks: []config.Playbook{{Name: "p", Triggers: onUpdate(), Actions: []config.Action{act("f", finding("F"))}}},
		want:      map[string][]string{"b": {"F"}, "c": {"F"}},
	}, {
		name:      "a sink's legacy match filters like its scope",
		sinks:     []string{`{"match":{"title":"Oth"}}`, `{"match":{"title":"F","labels":"team=a"}}`, `{"match":{"labels":"team=b"}}`},
		playbooks: []config.Playbook{{Name: "p", Triggers: onUpdate(), Actions: []config.Action{act("f", finding("F"))}}},
		want:      map[string][]string{"b": {"F"}},
	}, {
		name:      "a sink scope's attributes are paths into the finding, compared ignoring case",
		sinks:     []string{`{"scope":{"include":[{"attributes":"title=f, subject.labels.team=A"}]}}`, `{"scope":{"include":[{"attributes":"subject.labels.team=b"}]}}`, `{"scope":{"exclude":[{"attributes":"severity!=DEBUG"}]}}`},
		playbooks: []config.Playbook{{Name: "p", Triggers: onUpdate(), Actions: []config.Action{act("f", finding("F"))}}},
		want:      map[string][]string{"a": {"F"}, "c": {"F"}},
	}, {
		name:  "playbooks routed alike share the current finding; others start their own",
		sinks: []string{`{}`, `{"default":false}`, `{"default":false}`},
		playbooks: []config.Playbook{
			{Name: "p1", Triggers: onUpdate(), Actions: []config.Action{act("e", enrich("one"))}},
			{Name: "p2", Triggers: onUpdate(), Actions: []config.Action{act("e", enrich("two"))}},
			{Name: "p3", Sinks: []string{"b"}, Triggers: onUpdate(), Actions: []config.Action{act("e", enrich("three"))}},
		},
		want: map[string][]string{"a": {"Update to pod web-1"}, "b": {"Update to pod web-1"}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			recs := map[string]*recorder{}
			cfg := &config.Config{Playbooks: tc.playbooks}
			for i, common := range tc.sinks {
				name := string(rune('a' + i))
				recs[name] = &recorder{}
				cfg.Sinks = append(cfg.Sinks, sinkConfig(t, name, common, recs[name]))
			}
			e, d := newEngine(t, cfg)
			d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil)))
			closeEngine(t, e) // sinks deliver asynchronously: drain them
			got := map[string][]string{}
			for name, r := range recs {
				if ts := r.titles(); ts != nil {
					got[name] = ts
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("delivered (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSharedFindingCollectsEnrichmentsOfPlaybooks(t *testing.T) {
	onUpdate := []*trigger.Trigger{trig(t, "on_pod_update", "")}
	rec := &recorder{}
	cfg := &config.Config{
		Sinks: []config.Sink{sinkConfig(t, "main", `{}`, rec)},
		Playbooks: []config.Playbook{
			{Name: "p1", Triggers: onUpdate, Actions: []config.Action{act("e1", enrich("one"))}},
			{Name: "p2", Triggers: onUpdate, Actions: []config.Action{act("e2", enrich("two")), act("f", finding("New")), act("e3", enrich("three"))}},
		},
	}
	e, d := newEngine(t, cfg)
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil)))
	closeEngine(t, e)
	if len(rec.findings) != 2 {
		t.Fatalf("got %d findings, want 2", len(rec.findings))
	}
	blocks := func(f *api.Finding) (out []string) {
		for _, e := range f.Enrichments {
			for _, b := range e.Blocks {
				out = append(out, b.(api.Markdown).Text)
			}
		}
		return out
	}
	first, second := rec.findings[0], rec.findings[1]
	if diff := cmp.Diff([]string{"one", "two"}, blocks(first)); diff != "" {
		t.Errorf("default finding blocks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"three"}, blocks(second)); diff != "" {
		t.Errorf("added finding blocks (-want +got):\n%s", diff)
	}
	if first.Playbook != "p1" || second.Playbook != "p2" {
		t.Errorf("playbooks = %q, %q; want p1, p2", first.Playbook, second.Playbook)
	}
	if first.Subject.Kind != "Pod" || first.Subject.Name != "web-1" || first.AggregationKey != "GenericChange" || first.Severity != api.SeverityInfo {
		t.Errorf("default finding = %+v", first)
	}
}

func TestEachSinkGetsItsOwnCopy(t *testing.T) {
	a, b := &recorder{mutate: true}, &recorder{}
	cfg := &config.Config{
		Sinks:     []config.Sink{sinkConfig(t, "a", `{}`, a), sinkConfig(t, "b", `{}`, b)},
		Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("f", finding("F"))}}},
	}
	e, d := newEngine(t, cfg)
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil)))
	closeEngine(t, e)
	got := b.findings[0]
	if got.Title != "F" || got.Subject.Labels["touched"] != "" {
		t.Errorf("sink b saw sink a's changes: %+v", got)
	}
}

// stuck is a sink whose writes wait until released.
type stuck struct{ release chan struct{} }

func (s stuck) Write(ctx context.Context, _ *api.Finding) error {
	select {
	case <-s.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s stuck) Close(context.Context) error { return nil }

func TestStuckSinkDelaysNoOtherSink(t *testing.T) {
	slow, fast := stuck{release: make(chan struct{})}, &recorder{}
	cfg := &config.Config{
		Sinks:     []config.Sink{sinkConfig(t, "slow", `{}`, nil), sinkConfig(t, "fast", `{}`, fast)},
		Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("f", finding("F"))}}},
	}
	cfg.Sinks[0].Type.New = func([]byte, sink.Global) (sink.Sink, error) { return slow, nil }
	e, d := newEngine(t, cfg)
	for range 3 { // the dispatcher returns although "slow" never finishes a write
		d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil)))
	}
	// fast delivers on its own; wait for it, bounded, before closing.
	for deadline := time.Now().Add(10 * time.Second); len(fast.titles()) < 3 && time.Now().Before(deadline); {
		runtime.Gosched()
	}
	expired, cancel := context.WithCancel(context.Background())
	cancel()
	err := e.Close(expired)
	var undelivered *sink.UndeliveredError
	if !errors.As(err, &undelivered) || undelivered.Sink != "slow" {
		t.Errorf("Close = %v, want slow's undelivered findings reported", err)
	}
	if got := len(fast.titles()); got != 3 {
		t.Errorf("fast sink got %d findings, want 3", got)
	}
}

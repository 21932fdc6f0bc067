package engine

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// Robusta's sink routing: the scope attributes in its spelling, stop over
// the input's findings, activity and mute_intervals on the engine's clock,
// send_svg, namespace_labels from one cached namespace list.

// findings adds one finding per given finding, in order.
func findings(fs ...api.Finding) registry.Func {
	return func(_ context.Context, e api.ExecutionEvent) error {
		for _, f := range fs {
			e.AddFinding(&f)
		}
		return nil
	}
}

// routeOnce runs one pod update through a playbook adding fs, with the
// sinks' common params, and returns what each sink got, by title.
func routeOnce(t *testing.T, sinks []string, fs []api.Finding, opts ...Option) map[string][]string {
	t.Helper()
	recs := map[string]*recorder{}
	cfg := &config.Config{Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("f", findings(fs...))}}}}
	for i, common := range sinks {
		name := string(rune('a' + i))
		recs[name] = &recorder{}
		cfg.Sinks = append(cfg.Sinks, sinkConfig(t, name, common, recs[name]))
	}
	e, d := newEngine(t, cfg, opts...)
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil)))
	closeEngine(t, e)
	got := map[string][]string{}
	for name, r := range recs {
		if ts := r.titles(); ts != nil {
			got[name] = ts
		}
	}
	return got
}

func TestSinkScopeRobustaSpelling(t *testing.T) {
	fs := []api.Finding{
		{Title: "pod issue", Type: api.TypeIssue, Source: api.SourcePrometheus, Subject: api.Subject{Kind: "Pod", Name: "web-1"}},
		{Title: "deployment change", Type: api.TypeConfigChange, Source: api.SourceKubernetesAPI, Subject: api.Subject{Kind: "Deployment", Name: "web"}},
		{Title: "untyped", Subject: api.Subject{Kind: "Node", Name: "n1"}},
	}
	got := routeOnce(t, []string{
		`{"scope":{"include":[{"kind":"pod"}]}}`,          // a: Robusta's lower-case kind
		`{"scope":{"include":[{"kind":"Pod"}]}}`,          // b: the Go kind name matches nothing, as in Robusta
		`{"scope":{"include":[{"type":"CONF_CHANGE"}]}}`,  // c
		`{"scope":{"include":[{"type":"ISSUE"}]}}`,        // d: an untyped finding is an ISSUE
		`{"scope":{"exclude":[{"source":"PROMETHEUS"}]}}`, // e
		`{"match":{"kind":"deploy"}}`,                     // f: the legacy match reads the same attributes
	}, fs)
	want := map[string][]string{
		"a": {"pod issue"},
		"c": {"deployment change"},
		"d": {"pod issue", "untyped"},
		"e": {"deployment change", "untyped"},
		"f": {"deployment change"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
}

// A stop sink that took any of the input's findings cuts the later sinks
// off from all of them, the findings it did not take included.
func TestSinkStopDropsTheInputsRemainingFindings(t *testing.T) {
	fs := []api.Finding{{Title: "F1"}, {Title: "F2"}}
	got := routeOnce(t, []string{`{}`, `{"stop":true,"scope":{"include":[{"title":"F1"}]}}`, `{}`}, fs)
	want := map[string][]string{"a": {"F1", "F2"}, "b": {"F1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
	// The stop sink gets every finding it takes (Robusta's returns after the
	// first): the cut is for later sinks only.
	got = routeOnce(t, []string{`{"stop":true}`, `{}`}, fs)
	if diff := cmp.Diff(map[string][]string{"a": {"F1", "F2"}}, got); diff != "" {
		t.Errorf("stop sink taking both (-want +got):\n%s", diff)
	}
}

// fixedClock is an engine clock tests move by hand.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fixedClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fixedClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func clockAt(t *testing.T, s string) *fixedClock {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return &fixedClock{t: tm}
}

// 2026-12-03 is a Thursday.
func TestSinkActivityAndMuteOnTheEngineClock(t *testing.T) {
	sinks := []string{
		`{"activity":{"timezone":"Europe/Paris","intervals":[{"days":["THR"],"hours":[{"start":"09:00","end":"18:00"}]}]}}`,
		`{"mute_intervals":[{"start_date":"2026-12-03 10:00","end_date":"2026-12-03 10:59"}]}`,
		`{"stop":true,"activity":{"intervals":[{"days":["FRI"]}]}}`, // closed on Thursday: stops nothing
		`{}`,
	}
	for _, c := range []struct {
		at   string
		want map[string][]string
	}{
		{"2026-12-03T10:30:00Z", map[string][]string{"a": {"F"}, "d": {"F"}}},             // 11:30 in Paris; b muted (its interval is UTC)
		{"2026-12-03T11:00:00Z", map[string][]string{"a": {"F"}, "b": {"F"}, "d": {"F"}}}, // 12:00 in Paris
		{"2026-12-03T17:30:00Z", map[string][]string{"b": {"F"}, "d": {"F"}}},             // 18:30 in Paris
		{"2026-12-04T12:00:00Z", map[string][]string{"b": {"F"}, "c": {"F"}}},             // Friday: c takes it and stops
	} {
		got := routeOnce(t, sinks, []api.Finding{{Title: "F"}}, WithClock(clockAt(t, c.at).now))
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("at %s (-want +got):\n%s", c.at, diff)
		}
	}
}

func TestSendSVG(t *testing.T) {
	graph := api.Finding{Title: "G", Enrichments: []api.Enrichment{{Blocks: []api.Block{
		api.File{Name: "cpu.png", Contents: []byte("png")},
		api.File{Name: "cpu.svg", Contents: []byte("<svg/>")},
		api.File{Name: "only.svg", Contents: []byte("<svg/>")},
	}}}}
	recs := map[string]*recorder{"png": {}, "svg": {}}
	cfg := &config.Config{
		Sinks:     []config.Sink{sinkConfig(t, "png", `{}`, recs["png"]), sinkConfig(t, "svg", `{"send_svg":true}`, recs["svg"])},
		Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("f", findings(graph))}}},
	}
	e, d := newEngine(t, cfg)
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil)))
	closeEngine(t, e)
	files := func(r *recorder) (out []string) {
		for _, b := range r.findings[0].Enrichments[0].Blocks {
			out = append(out, b.(api.File).Name)
		}
		return out
	}
	if diff := cmp.Diff([]string{"cpu.png", "only.svg"}, files(recs["png"])); diff != "" {
		t.Errorf("without send_svg (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"cpu.png", "cpu.svg", "only.svg"}, files(recs["svg"])); diff != "" {
		t.Errorf("with send_svg (-want +got):\n%s", diff)
	}
}

// namespaceCluster is a cluster holding namespaces; lists counts its
// namespace lists.
func namespaceCluster(t *testing.T, objs ...runtime.Object) (*apitest.Cluster, func() int) {
	t.Helper()
	c := apitest.NewCluster(objs...)
	fc := c.Kubernetes().(*fake.Clientset)
	return c, func() int {
		n := 0
		for _, a := range fc.Actions() {
			if a.GetVerb() == "list" && a.GetResource().Resource == "namespaces" {
				n++
			}
		}
		return n
	}
}

func TestSinkNamespaceLabels(t *testing.T) {
	c, lists := namespaceCluster(t,
		apitest.Object(t, `{apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {env: production}}}`),
		apitest.Object(t, `{apiVersion: v1, kind: Namespace, metadata: {name: dev, labels: {env: dev}}}`),
	)
	clock := clockAt(t, "2026-12-03T09:00:00Z")
	rec := &recorder{}
	fs := []api.Finding{
		{Title: "prod", Subject: api.Subject{Namespace: "prod"}},
		{Title: "dev", Subject: api.Subject{Namespace: "dev"}},
		{Title: "cluster-scoped"},
	}
	cfg := &config.Config{
		Sinks:     []config.Sink{sinkConfig(t, "prod-only", `{"scope":{"include":[{"namespace_labels":"env=production"}]}}`, rec), sinkConfig(t, "other", `{}`, &recorder{})},
		Playbooks: []config.Playbook{{Name: "p", Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")}, Actions: []config.Action{act("f", findings(fs...))}}},
	}
	e, d := newEngine(t, cfg, WithCluster(c), WithClock(clock.now))
	update := func() { d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil))) }
	update()
	update()
	if n := lists(); n != 1 {
		t.Errorf("two inputs of three findings listed namespaces %d times, want once", n)
	}
	clock.add(29 * time.Minute)
	update()
	if n := lists(); n != 1 {
		t.Errorf("within 30 minutes: %d lists, want the cached one", n)
	}
	clock.add(time.Minute)
	update()
	if n := lists(); n != 2 {
		t.Errorf("after 30 minutes: %d lists, want a second", n)
	}
	closeEngine(t, e)
	if diff := cmp.Diff([]string{"prod", "prod", "prod", "prod"}, rec.titles()); diff != "" {
		t.Errorf("namespace_labels env=production took (-want +got):\n%s", diff)
	}
}

// A namespace created after the list is found within a minute, not after
// Robusta's 30; a failed list is retried after 30 seconds, not per finding.
func TestSinkNamespaceLabelsRefresh(t *testing.T) {
	c, lists := namespaceCluster(t, apitest.Object(t, `{apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {env: production}}}`))
	fc := c.Kubernetes().(*fake.Clientset)
	clock := clockAt(t, "2026-12-03T09:00:00Z")
	n := &namespaceLabels{cluster: c, now: clock.now, logger: slog.New(slog.DiscardHandler)}
	ctx := context.Background()
	if got := n.get(ctx, "prod")["env"]; got != "production" {
		t.Fatalf("prod: env=%q", got)
	}
	if _, err := fc.CoreV1().Namespaces().Create(ctx, apitest.Object(t, `{apiVersion: v1, kind: Namespace, metadata: {name: new, labels: {env: production}}}`).(*corev1.Namespace), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	base := lists()
	if n.get(ctx, "new") != nil || lists() != base {
		t.Error("an unknown namespace within a minute of the list: want no new list")
	}
	clock.add(time.Minute)
	if got := n.get(ctx, "new")["env"]; got != "production" || lists() != base+1 {
		t.Errorf("an unknown namespace a minute later: env=%q after %d lists, want production after one more", got, lists()-base)
	}
	fc.PrependReactor("list", "namespaces", func(k8stesting.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewForbidden(schema.GroupResource{Resource: "namespaces"}, "", errors.New("no RBAC"))
	})
	clock.add(nsTTL)
	base = lists()
	for range 3 {
		if got := n.get(ctx, "prod")["env"]; got != "production" {
			t.Errorf("after a failed list: env=%q, want the labels listed before", got)
		}
	}
	if lists() != base+1 {
		t.Errorf("three reads after the TTL with the API failing: %d lists, want 1", lists()-base)
	}
	clock.add(nsRetry)
	n.get(ctx, "prod")
	if lists() != base+2 {
		t.Errorf("after %s: %d lists, want a retry", nsRetry, lists()-base)
	}
}

// A manual run's findings are routed once, as Robusta's run_actions
// handles them: a stop sink that took the first cuts later sinks off the
// second as well.
func TestManualRunRoutesItsFindingsOnce(t *testing.T) {
	a, b, c := &recorder{}, &recorder{}, &recorder{}
	cfg := &config.Config{Sinks: []config.Sink{
		sinkConfig(t, "a", `{}`, a),
		sinkConfig(t, "b", `{"stop":true,"scope":{"include":[{"title":"F1"}]}}`, b),
		sinkConfig(t, "c", `{}`, c),
	}}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	pool := e.Start(context.Background())
	fs, err := pool.RunAction(context.Background(), "two", findings(api.Finding{Title: "F1"}, api.Finding{Title: "F2"}), &api.PodChangeEvent{}, nil, nil)
	if err != nil || len(fs) != 2 {
		t.Fatalf("RunAction = %d findings, %v", len(fs), err)
	}
	if err := pool.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	closeEngine(t, e)
	got := map[string][]string{"a": a.titles(), "b": b.titles(), "c": c.titles()}
	if diff := cmp.Diff(map[string][]string{"a": {"F1", "F2"}, "b": {"F1"}, "c": nil}, got); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
}

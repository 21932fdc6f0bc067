package playbooks

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
)

// kubelet stands in for the one seam a test machine cannot provide: logs
// and exec are served by a kubelet, and no pod runs without one. Every
// other cluster call goes to a real API server in the runtime's tests.
type kubelet struct {
	logs     string
	execOut  string
	gotLogs  api.LogOptions
	gotExec  api.ExecOptions
	failWith error
}

func (k *kubelet) Kubernetes() kubernetes.Interface { return nil }

func (k *kubelet) Logs(_ context.Context, _, _ string, o api.LogOptions) (string, error) {
	k.gotLogs = o
	return k.logs, k.failWith
}

func (k *kubelet) Exec(_ context.Context, _, _ string, o api.ExecOptions) (string, error) {
	k.gotExec = o
	return k.execOut, k.failWith
}

func podEvent(k api.Cluster) *api.PodChangeEvent {
	ev := &api.PodChangeEvent{Operation: api.OperationUpdate, Obj: &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "api-0", Labels: map[string]string{"app": "api"}},
		Spec:       corev1.PodSpec{NodeName: "node-1", Containers: []corev1.Container{{Name: "main"}, {Name: "sidecar"}}},
	}}
	ev.Execution().SetCluster(k)
	return ev
}

// blocks returns every block of every finding of ev.
func blocks(ev api.ExecutionEvent) []api.Block {
	var out []api.Block
	for _, f := range ev.Execution().Findings() {
		for _, e := range f.Enrichments {
			out = append(out, e.Blocks...)
		}
	}
	return out
}

func TestEcho(t *testing.T) {
	ev := podEvent(nil)
	if err := Echo(context.Background(), ev, EchoParams{Message: "hello"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]api.Block{api.MarkdownBlock("hello")}, blocks(ev)); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
}

func TestPodBashEnricher(t *testing.T) {
	k := &kubelet{execOut: "total 0"}
	ev := podEvent(k)
	if err := PodBashEnricher(context.Background(), ev, BashParams{BashCommand: "ls -al /"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(api.ExecOptions{Container: "main", Command: []string{"/bin/sh", "-c", "ls -al /"}}, k.gotExec); diff != "" {
		t.Errorf("exec (-want +got):\n%s", diff)
	}
	want := []api.Block{api.MarkdownBlock("Command results for *ls -al /:*"), api.MarkdownBlock("```\ntotal 0\n```")}
	if diff := cmp.Diff(want, blocks(ev)); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	k.failWith = errors.New("container not running")
	if err := PodBashEnricher(context.Background(), podEvent(k), BashParams{BashCommand: "ls"}); err == nil || !strings.Contains(err.Error(), "prod/api-0") {
		t.Errorf("error = %v, want it to name the pod", err)
	}
	alert := &api.PrometheusAlertEvent{}
	if err := PodBashEnricher(context.Background(), alert, BashParams{BashCommand: "ls"}); !errors.Is(err, api.ErrNoPod) {
		t.Errorf("on an alert without a pod: %v, want ErrNoPod", err)
	}
}

func TestLogsEnricher(t *testing.T) {
	k := &kubelet{logs: "GET /health 200\nERROR db down\nGET / 200\nERROR timeout\n"}
	ev := podEvent(k)
	params := LogEnricherParams{ContainerName: "sidecar", Previous: true, TailLines: 100, FilterRegex: "^ERROR"}
	if err := LogsEnricher(context.Background(), ev, params); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(api.LogOptions{Container: "sidecar", Previous: true, TailLines: 100}, k.gotLogs); diff != "" {
		t.Errorf("log options (-want +got):\n%s", diff)
	}
	want := []api.Block{api.FileBlock("api-0.log", []byte("ERROR db down\nERROR timeout\n"))}
	if diff := cmp.Diff(want, blocks(ev)); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if err := LogsEnricher(context.Background(), podEvent(k), LogEnricherParams{FilterRegex: "("}); err == nil {
		t.Error("a bad filter_regex was accepted")
	}
}

func TestEventsTable(t *testing.T) {
	at := func(min int) metav1.Time { return metav1.NewTime(time.Date(2026, 1, 1, 0, min, 0, 0, time.UTC)) }
	events := []corev1.Event{
		{Reason: "BackOff", Type: "Warning", Message: "Back-off restarting", Count: 5, LastTimestamp: at(9)},
		{Reason: "Pulled", Type: "Normal", Message: "Pulled image", LastTimestamp: at(2)},
		{Reason: "Custom", Type: "Other", Message: "excluded by type", LastTimestamp: at(5)},
		{Reason: "Scheduled", Type: "Normal", Message: "Assigned", EventTime: metav1.NewMicroTime(at(1).Time)},
	}
	// Newest first, Robusta's DATETIME rendering in UTC, the message as
	// the event has it.
	got := eventsTable(events, EventEnricherParams{MaxEvents: 2})
	want := [][]string{
		{"BackOff", "Warning", "Jan 01, 2026, 12:09:00 AM", "Back-off restarting"},
		{"Pulled", "Normal", "Jan 01, 2026, 12:02:00 AM", "Pulled image"},
	}
	if diff := cmp.Diff(want, got.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// The default keeps 8 of Warning and Normal; an eventTime (with
	// microseconds) orders by time, not as a string.
	if got := eventsTable(events, EventEnricherParams{}); len(got.Rows) != 3 || got.Rows[2][0] != "Scheduled" {
		t.Errorf("default params: %v", got.Rows)
	}
	if got := eventsTable(events, EventEnricherParams{IncludedTypes: []string{"other"}}); len(got.Rows) != 1 || got.Rows[0][0] != "Custom" {
		t.Errorf("included_types not compared case-insensitively: %v", got.Rows)
	}
}

func TestCreateFinding(t *testing.T) {
	ev := podEvent(nil)
	err := CreateFinding(context.Background(), ev, FindingFields{
		Title: "Pod $name in $namespace crashed", Description: "app ${labels.app} on $node, owner $annotations.owner", Severity: "LOW",
	})
	if err != nil {
		t.Fatal(err)
	}
	f := ev.Execution().Findings()[0]
	if f.Title != "Pod api-0 in prod crashed" || f.Description != "app api on node-1, owner <missing>" || f.Severity != api.SeverityLow {
		t.Errorf("finding = %q / %q / %v", f.Title, f.Description, f.Severity)
	}
	if f.AggregationKey != "Pod $name in $namespace crashed" || f.Subject.Kind != "Pod" {
		t.Errorf("aggregation key %q, subject %+v", f.AggregationKey, f.Subject)
	}
	ev.AddEnrichment(api.MarkdownBlock("goes to the new finding"))
	if len(f.Enrichments) != 1 {
		t.Error("later enrichments did not go to the created finding")
	}
}

func TestResourceBabysitter(t *testing.T) {
	old := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web", ResourceVersion: "1"}, Spec: appsv1.DeploymentSpec{Replicas: ptr(int32(2))}}
	updated := old.DeepCopy()
	updated.ResourceVersion = "2"
	updated.Spec.Replicas = ptr(int32(3))
	ev := &api.DeploymentChangeEvent{Obj: updated, OldObj: old, Operation: api.OperationUpdate}
	if err := ResourceBabysitter(context.Background(), ev, BabysitterConfig{}); err != nil {
		t.Fatal(err)
	}
	fs := ev.Execution().Findings()
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	f := fs[0]
	if f.Title != "deployment/prod/web.yaml updated" || f.Type != api.TypeConfigChange || f.Description != "Deployment updated\n ● Attributes: replicas" {
		t.Errorf("finding = %+v", f)
	}
	diff := f.Enrichments[0].Blocks[0].(api.KubernetesDiff)
	if cmp.Diff([]api.Diff{{Path: "spec.replicas", Old: "2", New: "3"}}, diff.Diffs) != "" {
		t.Errorf("diffs = %+v", diff.Diffs)
	}

	// Bookkeeping-only updates and ignored namespaces report nothing.
	same := old.DeepCopy()
	same.ResourceVersion = "3"
	quiet := &api.DeploymentChangeEvent{Obj: same, OldObj: old, Operation: api.OperationUpdate}
	ignored := &api.DeploymentChangeEvent{Obj: updated, OldObj: old, Operation: api.OperationUpdate}
	_ = ResourceBabysitter(context.Background(), quiet, BabysitterConfig{})
	_ = ResourceBabysitter(context.Background(), ignored, BabysitterConfig{IgnoredNamespaces: []string{"prod"}})
	if n := len(quiet.Execution().Findings()) + len(ignored.Execution().Findings()); n != 0 {
		t.Errorf("%d findings for changes that should be quiet", n)
	}
}

func ptr[T any](v T) *T { return &v }

package api_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

func testPod(ns, name string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: map[string]string{"app": "web"}},
		Spec:       corev1.PodSpec{NodeName: "node-1", Containers: []corev1.Container{{Name: "main"}}},
	}
}

func TestDefaultFindings(t *testing.T) {
	for _, tc := range []struct {
		name string
		ev   api.ExecutionEvent
		want api.Finding
	}{{
		name: "pod update",
		ev:   &api.PodChangeEvent{Obj: testPod("default", "web-1"), Operation: api.OperationUpdate},
		want: api.Finding{Title: "Update to pod web-1", Severity: api.SeverityInfo, Source: api.SourceKubernetesAPI, Type: api.TypeIssue, AggregationKey: "GenericChange",
			Subject: api.Subject{Kind: "Pod", Name: "web-1", Namespace: "default", Node: "node-1", Labels: map[string]string{"app": "web"}}},
	}, {
		name: "node delete",
		ev:   &api.NodeChangeEvent{Obj: &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n1"}}, Operation: api.OperationDelete},
		want: api.Finding{Title: "Delete to node n1", Severity: api.SeverityInfo, Source: api.SourceKubernetesAPI, Type: api.TypeIssue, AggregationKey: "GenericChange",
			Subject: api.Subject{Kind: "Node", Name: "n1"}},
	}, {
		name: "alert",
		ev: &api.PrometheusAlertEvent{
			Alert: api.Alert{Name: "KubePodCrashLooping", Status: "firing", Fingerprint: "abc",
				Labels: map[string]string{"severity": "warning", "namespace": "prod"}, Annotations: map[string]string{"summary": "Pod is crash looping.", "description": "details"}},
			Pod: testPod("prod", "api-0"),
		},
		want: api.Finding{Title: "Pod is crash looping.", Description: "details", Severity: api.SeverityLow, Source: api.SourcePrometheus, Type: api.TypeIssue, AggregationKey: "KubePodCrashLooping", Fingerprint: "abc",
			// Robusta merges the alert's labels and annotations over the pod's.
			Subject: api.Subject{Kind: "Pod", Name: "api-0", Namespace: "prod", Node: "node-1",
				Labels:      map[string]string{"app": "web", "severity": "warning", "namespace": "prod"},
				Annotations: map[string]string{"summary": "Pod is crash looping.", "description": "details"}}},
	}, {
		name: "schedule",
		ev:   &api.ScheduledEvent{Recurrence: 3},
		want: api.Finding{Title: "Scheduled task", Severity: api.SeverityInfo, Source: api.SourceScheduler, Type: api.TypeReport, AggregationKey: "GeneralScheduledTask"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.ev.DefaultFinding()
			if got.Fingerprint == "" {
				t.Error("no fingerprint")
			}
			if tc.want.Fingerprint == "" {
				tc.want.Fingerprint = got.Fingerprint
			}
			if diff := cmp.Diff(tc.want, *got, cmp.AllowUnexported(api.Finding{}), ignoreTimes); diff != "" {
				t.Errorf("default finding (-want +got):\n%s", diff)
			}
		})
	}
}

var ignoreTimes = cmp.FilterPath(func(p cmp.Path) bool {
	return p.Last().String() == ".StartsAt" || p.Last().String() == ".EndsAt"
}, cmp.Ignore())

func TestAddEnrichmentAndAddFinding(t *testing.T) {
	ev := &api.PodChangeEvent{Obj: testPod("default", "web-1"), Operation: api.OperationUpdate}
	ev.AddEnrichment(api.MarkdownBlock("a"))
	ev.AddEnrichment(api.MarkdownBlock("b"), api.DividerBlock())
	ev.AddFinding(&api.Finding{Title: "second"})
	ev.AddEnrichment(api.HeaderBlock("c"))
	api.AddTitledEnrichment(ev, "Crash info", api.MarkdownBlock("d"))
	fs := ev.Execution().Findings()
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2", len(fs))
	}
	want := [][]api.Enrichment{
		{{Blocks: []api.Block{api.MarkdownBlock("a")}}, {Blocks: []api.Block{api.MarkdownBlock("b"), api.DividerBlock()}}},
		{{Blocks: []api.Block{api.HeaderBlock("c")}}, {Title: "Crash info", Blocks: []api.Block{api.MarkdownBlock("d")}}},
	}
	for i, f := range fs {
		if diff := cmp.Diff(want[i], f.Enrichments); diff != "" {
			t.Errorf("finding %d enrichments (-want +got):\n%s", i, diff)
		}
	}
}

func TestGettersReturnNilWhenAbsent(t *testing.T) {
	ev := &api.PrometheusAlertEvent{}
	if ev.GetPod() != nil || ev.GetNode() != nil || ev.GetDeployment() != nil || ev.GetJob() != nil || ev.GetDaemonSet() != nil || ev.GetStatefulSet() != nil {
		t.Error("an alert naming nothing returned an object")
	}
	if ev.GetResource() != nil {
		t.Error("GetResource is not a plain nil")
	}
	var ch api.KubernetesAnyChangeEvent = &api.PodChangeEvent{Obj: testPod("a", "b"), Operation: api.OperationCreate}
	if ch.GetOldObj() != nil {
		t.Error("GetOldObj on create is not a plain nil")
	}
}

func TestSeverity(t *testing.T) {
	for in, want := range map[string]api.Severity{"debug": api.SeverityDebug, "INFO": api.SeverityInfo, "Low": api.SeverityLow, "HIGH": api.SeverityHigh, "medium": api.SeverityHigh} {
		if got, err := api.ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := api.ParseSeverity("urgent"); err == nil {
		t.Error("ParseSeverity accepted urgent")
	}
	for label, want := range map[string]api.Severity{"critical": api.SeverityHigh, "warning": api.SeverityLow, "info": api.SeverityInfo, "none": api.SeverityInfo} {
		if got := api.AlertSeverity(label); got != want {
			t.Errorf("AlertSeverity(%q) = %v, want %v", label, got, want)
		}
	}
}

func TestKubernetesDiffBlock(t *testing.T) {
	old := testPod("default", "web-1")
	old.ResourceVersion = "1"
	updated := old.DeepCopy()
	updated.ResourceVersion = "2"
	updated.Labels["tier"] = "front"
	updated.Spec.NodeName = "node-2"
	delete(updated.Labels, "app")
	d := api.KubernetesDiffBlock(old, updated)
	want := api.KubernetesDiff{Kind: "Pod", Name: "web-1", Namespace: "default", Diffs: []api.Diff{
		{Path: "metadata.labels['app']", Old: `"web"`},
		{Path: "metadata.labels['tier']", New: `"front"`},
		{Path: "spec.nodeName", Old: `"node-1"`, New: `"node-2"`},
	}}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("diff block (-want +got):\n%s", diff)
	}
	if a, r, m := d.Counts(); a != 1 || r != 1 || m != 1 {
		t.Errorf("counts = %d added, %d removed, %d modified; want 1, 1, 1", a, r, m)
	}
}

package api_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

func meta(ns, name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Namespace: ns, Name: name, Labels: map[string]string{"owner": name}}
}

// TestAlertTitle: "[RESOLVED] " for resolved alerts (any case, as
// Robusta lowercases the status), the summary annotation else the name.
func TestAlertTitle(t *testing.T) {
	for _, tc := range []struct {
		status, summary, want string
	}{
		{"firing", "CPU is high", "CPU is high"},
		{"resolved", "CPU is high", "[RESOLVED] CPU is high"},
		{"Resolved", "", "[RESOLVED] HighCPU"},
		{"firing", "", "HighCPU"},
	} {
		a := api.Alert{Name: "HighCPU", Status: tc.status, Labels: map[string]string{"alertname": "HighCPU"}, Annotations: map[string]string{}}
		if tc.summary != "" {
			a.Annotations["summary"] = tc.summary
		}
		if got := api.AlertTitle(&a); got != tc.want {
			t.Errorf("status %q summary %q: title %q, want %q", tc.status, tc.summary, got, tc.want)
		}
	}
}

// TestAlertDescription: the trailing LABELS = map[...] that
// kube-prometheus' rules append is stripped, only at the end.
func TestAlertDescription(t *testing.T) {
	for in, want := range map[string]string{
		"Pod is crashing.\n LABELS = map[namespace:prod pod:api-0]": "Pod is crashing.",
		"Pod is crashing. LABELS = map[a:b]\n":                      "Pod is crashing.",
		"LABELS = map[a:b] is not at the end":                       "LABELS = map[a:b] is not at the end",
		"plain":                                                     "plain",
		"":                                                          "",
		"two lines\nLABELS = map[a:b]\nthen more LABELS = map[c:d]": "two lines\nLABELS = map[a:b]\nthen more",
	} {
		a := api.Alert{Annotations: map[string]string{"description": in}}
		if got := api.AlertDescription(&a); got != want {
			t.Errorf("description %q: got %q, want %q", in, got, want)
		}
	}
}

// TestAlertSeverity: Robusta's map, the label lowercased, a missing or
// unknown label INFO, and custom_severity_map consulted first.
func TestAlertSeverity(t *testing.T) {
	custom := map[string]api.Severity{"p1": api.SeverityHigh, "warning": api.SeverityDebug}
	for _, tc := range []struct {
		label      string
		plain, cus api.Severity
	}{
		{"critical", api.SeverityHigh, api.SeverityHigh},
		{"Warning", api.SeverityLow, api.SeverityDebug},
		{"P1", api.SeverityInfo, api.SeverityHigh},
		{"", api.SeverityInfo, api.SeverityInfo},
		{"debug", api.SeverityDebug, api.SeverityDebug},
	} {
		if got := api.AlertSeverity(tc.label); got != tc.plain {
			t.Errorf("AlertSeverity(%q) = %v, want %v", tc.label, got, tc.plain)
		}
		if got := api.AlertSeverityWith(custom, tc.label); got != tc.cus {
			t.Errorf("AlertSeverityWith(custom, %q) = %v, want %v", tc.label, got, tc.cus)
		}
	}
	ev := &api.PrometheusAlertEvent{Alert: api.Alert{Name: "A", Status: "firing", Labels: map[string]string{"severity": "P1"}}, SeverityMap: custom}
	if got := ev.DefaultFinding().Severity; got != api.SeverityHigh {
		t.Errorf("finding severity with custom map: %v, want HIGH", got)
	}
}

// TestAlertSubjectPrecedence: with every object resolved, removing the
// subject one at a time walks Robusta's order deployment > daemonset >
// statefulset > node > pod > job > HPA, and GetResource agrees.
func TestAlertSubjectPrecedence(t *testing.T) {
	ev := &api.PrometheusAlertEvent{
		Alert:       api.Alert{Name: "A", Status: "firing", Labels: map[string]string{"namespace": "prod", "owner": "alert"}},
		Deployment:  &appsv1.Deployment{ObjectMeta: meta("prod", "deploy")},
		DaemonSet:   &appsv1.DaemonSet{ObjectMeta: meta("prod", "ds")},
		StatefulSet: &appsv1.StatefulSet{ObjectMeta: meta("prod", "sts")},
		Node:        &corev1.Node{ObjectMeta: meta("", "node-1")},
		Pod:         &corev1.Pod{ObjectMeta: meta("prod", "pod"), Spec: corev1.PodSpec{NodeName: "node-2"}},
		Job:         &batchv1.Job{ObjectMeta: meta("prod", "job")},

		HorizontalPodAutoscaler: &autoscalingv2.HorizontalPodAutoscaler{ObjectMeta: meta("prod", "hpa")},
	}
	steps := []struct {
		kind, name, node string
		drop             func()
	}{
		{"Deployment", "deploy", "", func() { ev.Deployment = nil }},
		{"DaemonSet", "ds", "", func() { ev.DaemonSet = nil }},
		{"StatefulSet", "sts", "", func() { ev.StatefulSet = nil }},
		{"Node", "node-1", "node-1", func() { ev.Node = nil }},
		{"Pod", "pod", "node-2", func() { ev.Pod = nil }},
		{"Job", "job", "", func() { ev.Job = nil }},
		{"HorizontalPodAutoscaler", "hpa", "", func() { ev.HorizontalPodAutoscaler = nil }},
	}
	for _, st := range steps {
		s := ev.DefaultFinding().Subject
		if s.Kind != st.kind || s.Name != st.name || s.Node != st.node {
			t.Errorf("subject %s %s node %q, want %s %s node %q", s.Kind, s.Name, s.Node, st.kind, st.name, st.node)
		}
		if r := ev.GetResource(); r == nil || r.GetName() != st.name {
			t.Errorf("GetResource = %v, want %s", r, st.name)
		}
		// The alert's label wins over the object's same-named one.
		if s.Labels["owner"] != "alert" || s.Labels["namespace"] != "prod" {
			t.Errorf("%s: labels %v, want the alert's merged over the object's", st.kind, s.Labels)
		}
		st.drop()
	}
	want := api.Subject{Name: "Unresolved", Namespace: "prod", Labels: map[string]string{"namespace": "prod", "owner": "alert"}}
	if diff := cmp.Diff(want, ev.DefaultFinding().Subject); diff != "" {
		t.Errorf("unresolved subject (-want +got):\n%s", diff)
	}
	if r := ev.GetResource(); r != nil {
		t.Errorf("GetResource with nothing resolved = %v", r)
	}
}

// TestAlertSubjectMergesAnnotations: the object's annotations stay unless
// the alert has the same key; last-applied never reaches the subject.
func TestAlertSubjectMergesAnnotations(t *testing.T) {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "p", Annotations: map[string]string{
		"team": "shop", "summary": "object's", api.LastAppliedAnnotation: `{"secret":"x"}`,
	}}}
	ev := &api.PrometheusAlertEvent{Alert: api.Alert{Name: "A", Status: "resolved", Annotations: map[string]string{"summary": "alert's"}}, Pod: pod}
	f := ev.DefaultFinding()
	want := map[string]string{"team": "shop", "summary": "alert's"}
	if diff := cmp.Diff(want, f.Subject.Annotations); diff != "" {
		t.Errorf("annotations (-want +got):\n%s", diff)
	}
	if f.Title != "[RESOLVED] alert's" {
		t.Errorf("title %q", f.Title)
	}
	if pod.Annotations["summary"] != "object's" {
		t.Error("the merge changed the pod's own annotations")
	}
}

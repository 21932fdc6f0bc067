package alerts_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
)

func meta(ns, name string) metav1.ObjectMeta { return metav1.ObjectMeta{Namespace: ns, Name: name} }

// names lists the resolved objects as kind=ns/name.
func names(ev *api.PrometheusAlertEvent) []string {
	var out []string
	add := func(kind string, m *metav1.ObjectMeta) {
		out = append(out, kind+"="+m.Namespace+"/"+m.Name)
	}
	if ev.Pod != nil {
		add("pod", &ev.Pod.ObjectMeta)
	}
	if ev.Node != nil {
		add("node", &ev.Node.ObjectMeta)
	}
	if ev.Deployment != nil {
		add("deployment", &ev.Deployment.ObjectMeta)
	}
	if ev.DaemonSet != nil {
		add("daemonset", &ev.DaemonSet.ObjectMeta)
	}
	if ev.StatefulSet != nil {
		add("statefulset", &ev.StatefulSet.ObjectMeta)
	}
	if ev.Job != nil {
		add("job", &ev.Job.ObjectMeta)
	}
	return out
}

func TestKubeResolver(t *testing.T) {
	client := fake.NewClientset(
		&corev1.Pod{ObjectMeta: meta("ns", "p")},
		&corev1.Node{ObjectMeta: meta("", "n1")},
		&corev1.Node{ObjectMeta: meta("", "n2"), Status: corev1.NodeStatus{Addresses: []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "10.0.0.2"}}}},
		&appsv1.Deployment{ObjectMeta: meta("ns", "d")},
		&appsv1.DaemonSet{ObjectMeta: meta("ns", "ds")},
		&appsv1.StatefulSet{ObjectMeta: meta("ns", "ss")},
		&batchv1.Job{ObjectMeta: meta("ns", "j")},
	)
	r := alerts.KubeResolver{Client: client}
	cases := []struct {
		name   string
		labels map[string]string
		want   []string
	}{
		{"nothing named", map[string]string{"alertname": "A"}, nil},
		{"all", map[string]string{"namespace": "ns", "pod": "p", "node": "n1", "deployment": "d", "daemonset": "ds", "statefulset": "ss", "job_name": "j"},
			[]string{"pod=ns/p", "node=/n1", "deployment=ns/d", "daemonset=ns/ds", "statefulset=ns/ss", "job=ns/j"}},
		{"instance with port", map[string]string{"instance": "n1:9100"}, []string{"node=/n1"}},
		{"instance without port", map[string]string{"instance": "n1"}, []string{"node=/n1"}},
		// node-exporter's instance is the node's IP and port: the node
		// with that address, as Robusta finds it.
		{"instance address", map[string]string{"instance": "10.0.0.2:9100"}, []string{"node=/n2"}},
		{"instance address of no node", map[string]string{"instance": "10.9.9.9:9100"}, nil},
		// kube-state-metrics' instance is its own address, not a node.
		{"kube-state-metrics instance", map[string]string{"instance": "n1:8080", "job": "kube-state-metrics"}, nil},
		{"node label wins", map[string]string{"node": "n1", "instance": "10.0.0.2:9100"}, []string{"node=/n1"}},
		{"missing objects are nil", map[string]string{"namespace": "ns", "pod": "gone", "node": "gone"}, nil},
		{"no namespace", map[string]string{"pod": "p"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := &api.PrometheusAlertEvent{Alert: api.Alert{Labels: tc.labels}}
			if err := r.Resolve(context.Background(), ev); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, names(ev)); d != "" {
				t.Errorf("resolved (-want +got):\n%s", d)
			}
		})
	}
}

func TestKubeResolverErrors(t *testing.T) {
	react := func(err error) *fake.Clientset {
		c := fake.NewClientset()
		c.PrependReactor("get", "pods", func(k8stesting.Action) (bool, runtime.Object, error) { return true, nil, err })
		return c
	}
	ev := func() *api.PrometheusAlertEvent {
		return &api.PrometheusAlertEvent{Alert: api.Alert{Labels: map[string]string{"namespace": "ns", "pod": "p"}}}
	}
	forbidden := apierrors.NewForbidden(schema.GroupResource{Resource: "pods"}, "p", errors.New("rbac"))
	if err := (alerts.KubeResolver{Client: react(forbidden)}).Resolve(context.Background(), ev()); err != nil {
		t.Errorf("forbidden: %v, want nil (object left nil)", err)
	}
	err := (alerts.KubeResolver{Client: react(errors.New("connection refused"))}).Resolve(context.Background(), ev())
	if err == nil || !strings.Contains(err.Error(), "resolving pod ns/p: connection refused") {
		t.Errorf("unreachable: %v, want the wrapped error", err)
	}
}

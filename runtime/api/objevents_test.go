package api_test

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// ObjectEvents keeps only the object's events even from a client that
// ignores field selectors, and searches every namespace for a
// cluster-scoped object.
func TestObjectEvents(t *testing.T) {
	ev := func(name, ns, kind, obj, objNS string) *corev1.Event {
		return &corev1.Event{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
			InvolvedObject: corev1.ObjectReference{Kind: kind, Name: obj, Namespace: objNS}}
	}
	c := apitest.NewCluster(
		ev("job", "prod", "Job", "etl", "prod"),
		ev("pod", "prod", "Pod", "etl", "prod"),
		ev("other-job", "prod", "Job", "backup", "prod"),
		ev("node", "default", "Node", "node-1", ""),
	)
	names := func(kind, ns, name string) []string {
		t.Helper()
		events, err := api.ObjectEvents(context.Background(), c, kind, ns, name)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range events {
			out = append(out, e.Name)
		}
		return out
	}
	if got := names("Job", "prod", "etl"); len(got) != 1 || got[0] != "job" {
		t.Errorf("events of Job prod/etl = %q, want [job]", got)
	}
	if got := names("Node", "", "node-1"); len(got) != 1 || got[0] != "node" {
		t.Errorf("events of Node node-1 = %q, want [node]", got)
	}
	if _, err := api.ObjectEvents(context.Background(), nil, "Job", "prod", "etl"); err != api.ErrNoCluster {
		t.Errorf("without a cluster: %v, want ErrNoCluster", err)
	}
}

package kube

import (
	"fmt"
	"log/slog"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// emitted is one change a compactStore emitted.
type emitted struct {
	op       api.Operation
	obj, old *corev1.Pod
}

func newTestStore(t *testing.T) (*compactStore, *[]emitted) {
	t.Helper()
	var got []emitted
	st := newCompactStore("Pod", newTestPod, func(op api.Operation, obj, old api.Object) {
		e := emitted{op: op, obj: obj.(*corev1.Pod)}
		if old != nil {
			e.old = old.(*corev1.Pod)
		}
		got = append(got, e)
	}, discard)
	return st, &got
}

var discard = slog.New(slog.DiscardHandler)

func newTestPod() protoObject { return &corev1.Pod{} }

// storePod is a pod with the fields a kubelet and kubectl leave, so that
// a decoded copy is compared on a realistic object.
func storePod(name, rv string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: name, ResourceVersion: rv, UID: "uid-" + "name",
			Labels:          map[string]string{"app": "web", "pod-template-hash": "7f9c"},
			Annotations:     map[string]string{api.LastAppliedAnnotation: `{"big":"json"}`, "team": "shop"},
			ManagedFields:   []metav1.ManagedFieldsEntry{{Manager: "kubectl"}},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-7f9c", UID: "rs"}}},
		Spec: corev1.PodSpec{NodeName: "node-1", Containers: []corev1.Container{{Name: "main", Image: "registry.example/web:1.2.3",
			Env: []corev1.EnvVar{{Name: "MODE", Value: "prod"}}}}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning, PodIP: "10.0.0.7",
			ContainerStatuses: []corev1.ContainerStatus{{Name: "main", Ready: true, RestartCount: 2, Image: "registry.example/web:1.2.3"}}},
	}
}

// stripped is what the cache should hand back for p: p without the
// bookkeeping StripForCache removes.
func stripped(p *corev1.Pod) *corev1.Pod {
	p = p.DeepCopy()
	p.ManagedFields = nil
	delete(p.Annotations, api.LastAppliedAnnotation)
	return p
}

func TestCompactStoreInitialListEmitsNothingAndKeepsWholeObjects(t *testing.T) {
	st, got := newTestStore(t)
	var list []any
	for i := range 50 {
		list = append(list, storePod(fmt.Sprintf("web-%d", i), "10"))
	}
	if err := st.Replace(list, "10"); err != nil {
		t.Fatal(err)
	}
	if len(*got) != 0 || !st.Synced() || st.Len() != 50 {
		t.Fatalf("after the initial list: %d changes, synced %v, %d cached; want 0, true, 50", len(*got), st.Synced(), st.Len())
	}
	o, ok, err := st.Get("shop/web-7")
	if err != nil || !ok {
		t.Fatalf("Get = %v, %v", ok, err)
	}
	if d := cmp.Diff(stripped(storePod("web-7", "10")), o); d != "" {
		t.Errorf("cached pod (-want +got):\n%s", d)
	}
	// Compact: similar objects compress against the kind's dictionary to a
	// fraction of their protobuf.
	pb, _ := stripped(storePod("web-7", "10")).Marshal()
	if e := st.items["shop/web-7"]; e.data[0] != formS2 || len(e.data)*3 > len(pb) {
		t.Errorf("cached value is %d bytes (form %d) for %d bytes of protobuf, want s2 and under a third", len(e.data), e.data[0], len(pb))
	}
}

func TestCompactStoreWatchEvents(t *testing.T) {
	st, got := newTestStore(t)
	if err := st.Replace(nil, "1"); err != nil { // nothing yet: the first Add makes the dictionary
		t.Fatal(err)
	}
	must(t, st.Add(storePod("a", "2")))
	changed := storePod("a", "3")
	changed.Labels["tier"] = "front"
	must(t, st.Update(changed))
	must(t, st.Update(storePod("a", "3"))) // same resourceVersion: a replay, not a change
	must(t, st.Delete(changed))
	want := []emitted{
		{op: api.OperationCreate, obj: stripped(storePod("a", "2"))},
		{op: api.OperationUpdate, obj: stripped(changed), old: stripped(storePod("a", "2"))},
		{op: api.OperationDelete, obj: stripped(changed)},
	}
	if d := cmp.Diff(want, *got, cmp.AllowUnexported(emitted{})); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
	if st.Len() != 0 {
		t.Errorf("%d objects cached after the delete, want 0", st.Len())
	}
}

// A relist (the watch broke, e.g. the API server dropped a slow watcher)
// emits each object's latest state once against what was cached.
func TestCompactStoreRelistEmitsDifferences(t *testing.T) {
	st, got := newTestStore(t)
	must(t, st.Replace([]any{storePod("same", "1"), storePod("changed", "1"), storePod("gone", "1")}, "1"))
	latest := storePod("changed", "9")
	latest.Labels["gen"] = "9"
	must(t, st.Replace([]any{storePod("same", "1"), latest, storePod("new", "8")}, "9"))
	want := []emitted{
		{op: api.OperationDelete, obj: stripped(storePod("gone", "1"))},
		{op: api.OperationUpdate, obj: stripped(latest), old: stripped(storePod("changed", "1"))},
		{op: api.OperationCreate, obj: stripped(storePod("new", "8"))},
	}
	if d := cmp.Diff(want, *got, cmp.AllowUnexported(emitted{})); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
	if st.Len() != 3 {
		t.Errorf("%d objects cached, want 3", st.Len())
	}
}

func TestCompactStoreRefusesUntypedObjects(t *testing.T) {
	st, got := newTestStore(t)
	must(t, st.Replace(nil, "1"))
	if err := st.Add("not an object"); err == nil {
		t.Error("Add of a string: no error")
	}
	if len(*got) != 0 {
		t.Errorf("emitted %v for a bad object", *got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

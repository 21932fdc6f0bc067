package kube_test

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// changes is a Submitter that hands changes to the test on a channel.
type changes chan engine.Change

func (c changes) SubmitChange(ctx context.Context, ch engine.Change) error {
	select {
	case c <- ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c changes) next(t *testing.T) engine.Change {
	t.Helper()
	select {
	case ch := <-c:
		return ch
	case <-time.After(30 * time.Second):
		t.Fatal("no change arrived within 30s")
		return engine.Change{}
	}
}

func podKind() []kinds.Kind {
	k, _ := kinds.ByTrigger("pod")
	return []kinds.Kind{k}
}

func newPod(name string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, Labels: map[string]string{"app": "web"},
			Annotations: map[string]string{"kubectl.kubernetes.io/last-applied-configuration": "{}", "keep": "me"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
	}
}

func TestSourceDeliversChanges(t *testing.T) {
	env := kubetest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pods := env.Client.CoreV1().Pods("default")

	if _, err := pods.Create(ctx, newPod("existing"), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	got := make(changes, 16)
	src, err := kube.NewSource(env.Client, podKind(), got)
	if err != nil {
		t.Fatal(err)
	}
	src.Start(ctx)
	t.Cleanup(func() { cancel(); src.Shutdown() })
	waitSynced(t, src)

	created, err := pods.Create(ctx, newPod("web-1"), metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := got.next(t) // not "existing": it was there before the runner started
	if c.Operation != api.OperationCreate || c.Obj.GetName() != "web-1" || c.Kind != "Pod" {
		t.Fatalf("first change = %s %s %s, want create of Pod web-1", c.Operation, c.Kind, c.Obj.GetName())
	}
	if c.Obj.GetManagedFields() != nil || c.Obj.GetAnnotations()["kubectl.kubernetes.io/last-applied-configuration"] != "" || c.Obj.GetAnnotations()["keep"] != "me" {
		t.Errorf("cached object not stripped as expected: managedFields %v, annotations %v", c.Obj.GetManagedFields(), c.Obj.GetAnnotations())
	}

	created.Labels["tier"] = "front"
	if _, err := pods.Update(ctx, created, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	c = got.next(t)
	if c.Operation != api.OperationUpdate || c.Old == nil || c.Old.GetLabels()["tier"] != "" || c.Obj.GetLabels()["tier"] != "front" {
		t.Fatalf("update = %+v", c)
	}

	// No kubelet runs to finish a graceful delete: delete at once.
	if err := pods.Delete(ctx, "web-1", *metav1.NewDeleteOptions(0)); err != nil {
		t.Fatal(err)
	}
	// The API server first marks the pod (an update setting
	// deletionTimestamp), then removes it.
	for c = got.next(t); c.Operation == api.OperationUpdate && c.Obj.GetDeletionTimestamp() != nil; c = got.next(t) {
	}
	if c.Operation != api.OperationDelete || c.Obj.GetName() != "web-1" || c.Obj.GetLabels()["tier"] != "front" {
		t.Fatalf("delete = %+v, want the last known web-1", c)
	}
}

func waitSynced(t *testing.T, src *kube.Source) {
	t.Helper()
	kubetest.Eventually(t, 30*time.Second, "informers to sync", src.Synced)
}

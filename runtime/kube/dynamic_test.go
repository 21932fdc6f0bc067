package kube_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

var widgets = kinds.Custom{Group: "example.com", Version: "v1", Resource: "widgets"}

func widget(name string, size int64) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "example.com/v1", "kind": "Widget",
		"metadata": map[string]any{"name": name, "namespace": "default",
			"annotations": map[string]any{"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
		"spec": map[string]any{"size": size},
	}}
	return u
}

func dynamicClients(t *testing.T, env *kubetest.Env) (dynamic.Interface, discovery.DiscoveryInterface) {
	t.Helper()
	dyn, err := dynamic.NewForConfig(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	disc, err := discovery.NewDiscoveryClientForConfig(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	return dyn, disc
}

// TestDynamicSource: a CRD's objects arrive as unstructured changes keyed
// by the custom resource, stripped, with the kind set and the old object
// on update; those that existed at start are no creations. A resource the
// API server does not serve, or whose kind the values get wrong, is an
// error from NewDynamicSource.
func TestDynamicSource(t *testing.T) {
	env := kubetest.Start(t)
	kubetest.CreateCRD(t, env, kubetest.CRD{Group: "example.com", Version: "v1", Plural: "widgets", Kind: "Widget", Namespaced: true})
	dyn, disc := dynamicClients(t, env)
	res := dyn.Resource(schema.GroupVersionResource{Group: "example.com", Version: "v1", Resource: "widgets"}).Namespace("default")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	t.Run("changes", func(t *testing.T) {
		if _, err := res.Create(ctx, widget("existing", 1), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		got := make(changes, 16)
		src, err := kube.NewDynamicSource(dyn, disc, []kinds.Custom{widgets}, got, kube.DynamicOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sctx, stop := context.WithCancel(ctx)
		src.Start(sctx)
		t.Cleanup(func() { stop(); src.Shutdown() })
		kubetest.Eventually(t, 30*time.Second, "the widget informer to sync", src.Synced)

		w, err := res.Create(ctx, widget("w1", 3), metav1.CreateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		c := got.next(t) // not "existing"
		if c.Operation != api.OperationCreate || c.Kind != "widgets.example.com" || c.Obj.GetName() != "w1" {
			t.Fatalf("first change = %s %s %s, want create of widgets.example.com w1", c.Operation, c.Kind, c.Obj.GetName())
		}
		u, ok := c.Obj.(*unstructured.Unstructured)
		if !ok {
			t.Fatalf("object is %T, want *unstructured.Unstructured", c.Obj)
		}
		if size, _, _ := unstructured.NestedInt64(u.Object, "spec", "size"); size != 3 || api.KindOf(u) != "Widget" {
			t.Errorf("object: kind %q, spec.size %d; want Widget, 3", api.KindOf(u), size)
		}
		if u.GetManagedFields() != nil || u.GetAnnotations()["kubectl.kubernetes.io/last-applied-configuration"] != "" {
			t.Errorf("object not stripped: managedFields %v, annotations %v", u.GetManagedFields(), u.GetAnnotations())
		}

		if err := unstructured.SetNestedField(w.Object, int64(5), "spec", "size"); err != nil {
			t.Fatal(err)
		}
		if _, err := res.Update(ctx, w, metav1.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
		c = got.next(t)
		if c.Operation != api.OperationUpdate || c.Old == nil {
			t.Fatalf("second change = %s (old %v), want an update with the old object", c.Operation, c.Old)
		}
		oldSize, _, _ := unstructured.NestedInt64(c.Old.(*unstructured.Unstructured).Object, "spec", "size")
		newSize, _, _ := unstructured.NestedInt64(c.Obj.(*unstructured.Unstructured).Object, "spec", "size")
		if oldSize != 3 || newSize != 5 {
			t.Errorf("update: spec.size %d -> %d, want 3 -> 5", oldSize, newSize)
		}

		if err := res.Delete(ctx, "w1", metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
		if c = got.next(t); c.Operation != api.OperationDelete || c.Obj.GetName() != "w1" {
			t.Fatalf("third change = %s %s, want delete of w1", c.Operation, c.Obj.GetName())
		}
	})

	for _, tc := range []struct {
		name   string
		custom kinds.Custom
		want   string
	}{
		{"no such group", kinds.Custom{Group: "gadgets.io", Version: "v1", Resource: "gadgets"},
			"customResources gadgets.gadgets.io: not served by the API server: no API gadgets.io/v1 (is the CRD installed, and does it serve version v1?)"},
		{"no such version", kinds.Custom{Group: "example.com", Version: "v2", Resource: "widgets"},
			"customResources widgets.example.com: not served by the API server: no API example.com/v2"},
		{"no such resource", kinds.Custom{Group: "example.com", Version: "v1", Resource: "gadgets"},
			"customResources gadgets.example.com: not served by the API server: example.com/v1 has no resource gadgets (it serves: widgets)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := kube.NewDynamicSource(dyn, disc, []kinds.Custom{widgets, tc.custom}, make(changes), kube.DynamicOptions{})
			if !errors.Is(err, kube.ErrNotServed) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewDynamicSource: %v\nwant ErrNotServed, %q", err, tc.want)
			}
		})
	}
	t.Run("wrong kind", func(t *testing.T) {
		c := widgets
		c.Kind = "Gadget"
		_, err := kube.NewDynamicSource(dyn, disc, []kinds.Custom{c}, make(changes), kube.DynamicOptions{})
		if want := "customResources widgets.example.com: kind is Widget, not Gadget as the values say"; err == nil || err.Error() != want {
			t.Errorf("NewDynamicSource: %v, want %q", err, want)
		}
	})
}

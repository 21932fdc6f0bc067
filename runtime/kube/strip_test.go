package kube_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/cache"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube"
)

// The transform strips typed and unstructured objects alike. An
// Unstructured's GetAnnotations is a copy, so deleting from it alone would
// leave the annotation in the cache.
func TestStripForCache(t *testing.T) {
	meta := metav1.ObjectMeta{
		Name:          "db",
		Annotations:   map[string]string{api.LastAppliedAnnotation: `{"data":{}}`, "team": "data"},
		ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl"}},
	}
	u := &unstructured.Unstructured{}
	u.SetAPIVersion("v1")
	u.SetKind("Secret")
	u.SetName("db")
	u.SetAnnotations(meta.Annotations)
	u.SetManagedFields(meta.ManagedFields)
	for name, obj := range map[string]api.Object{"typed": &corev1.Secret{ObjectMeta: meta}, "unstructured": u} {
		t.Run(name, func(t *testing.T) {
			out, err := kube.StripForCache(obj)
			if err != nil {
				t.Fatal(err)
			}
			m := out.(metav1.Object)
			if m.GetManagedFields() != nil {
				t.Errorf("managedFields = %v, want none", m.GetManagedFields())
			}
			if d := cmp.Diff(map[string]string{"team": "data"}, m.GetAnnotations()); d != "" {
				t.Errorf("annotations (-want +got):\n%s", d)
			}
		})
	}
	tomb := cache.DeletedFinalStateUnknown{Key: "x", Obj: &corev1.Secret{ObjectMeta: meta}}
	if out, err := kube.StripForCache(tomb); err != nil || !cmp.Equal(out, tomb) {
		t.Errorf("tombstone = %v, %v; want it unchanged", out, err)
	}
}

package api

import (
	"fmt"
	"maps"
	"reflect"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
)

// LastAppliedAnnotation is the annotation kubectl apply writes: a full copy
// of the object as last applied. On a Secret it holds the Secret's data in
// clear, so it never reaches a finding.
const LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

// Redacted stands in for every Secret value in finding content: the key
// stays visible (and a diff still says it changed), the value never does.
const Redacted = "[redacted]"

// redactedJSON is Redacted as a diff value, which is JSON.
const redactedJSON = `"` + Redacted + `"`

// secretFields are the fields of a Secret whose values are secret.
var secretFields = []string{"data", "stringData"}

// StripBookkeeping removes managedFields and the last-applied annotation
// from m, in place. The informers' transform calls it before objects are
// cached, and every path that turns an object into finding content calls it
// on a copy: one rule for what is dropped.
func StripBookkeeping(m metav1.Object) {
	m.SetManagedFields(nil)
	if a := m.GetAnnotations(); hasLastApplied(a) {
		// Set, not just delete: an Unstructured's GetAnnotations is a copy.
		m.SetAnnotations(safeAnnotations(a))
	}
}

func hasLastApplied(a map[string]string) bool {
	_, ok := a[LastAppliedAnnotation]
	return ok
}

// safeAnnotations is a copy of a without the last-applied annotation (nil
// when nothing else is left). It copies even when there is nothing to drop,
// so that a finding never shares a map with an informer's cached object.
func safeAnnotations(a map[string]string) map[string]string {
	if len(a) == 0 || len(a) == 1 && hasLastApplied(a) {
		return nil
	}
	c := maps.Clone(a)
	delete(c, LastAppliedAnnotation)
	return c
}

// Sanitize returns obj as finding content: a deep copy as an unstructured
// map, without managedFields and the last-applied annotation, and, for a
// Secret, every data and stringData value replaced by Redacted. obj itself
// is not changed. Every block the runtime builds from whole objects
// (KubernetesDiffBlock, JSONBlock) goes through it or through plainContent,
// the same copy before redaction.
func Sanitize(obj Object) map[string]any {
	m := plainContent(obj)
	if m != nil && isSecret(obj) {
		redactSecretValues(m)
	}
	return m
}

// plainContent is obj as a stripped, deep-copied unstructured map, Secret
// values still in it: only KubernetesDiffBlock uses it, to see which values
// changed before it redacts them.
func plainContent(obj Object) map[string]any {
	if IsNil(obj) {
		return nil
	}
	var m map[string]any
	if u, ok := obj.(*unstructured.Unstructured); ok {
		m = u.DeepCopy().Object
	} else {
		var err error
		// The converter builds new maps, so m shares nothing with obj.
		if m, err = runtime.DefaultUnstructuredConverter.ToUnstructured(obj); err != nil {
			// Never the object itself: it might be a Secret.
			return map[string]any{"error": fmt.Sprintf("converting %s %s: %v", KindOf(obj), obj.GetName(), err)}
		}
	}
	StripBookkeeping(&unstructured.Unstructured{Object: m})
	return m
}

// isSecret reports whether obj's values are secret: a typed or unstructured
// Secret. Any group's "Secret" counts: redacting a look-alike costs nothing.
func isSecret(obj Object) bool { return !IsNil(obj) && KindOf(obj) == "Secret" }

// redactSecretValues replaces each value under a Secret's secret fields,
// keeping the keys; a field that is not a map is replaced whole.
func redactSecretValues(m map[string]any) {
	for _, f := range secretFields {
		switch v := m[f].(type) {
		case nil:
		case map[string]any:
			for k := range v {
				v[k] = Redacted
			}
		default:
			m[f] = Redacted
		}
	}
}

// isSecretPath reports whether a diff path is a secret field or under one.
func isSecretPath(path string) bool {
	for _, f := range secretFields {
		if path == f || strings.HasPrefix(path, f+"[") || strings.HasPrefix(path, f+".") {
			return true
		}
	}
	return false
}

// IsNil reports whether obj is nil or a typed nil pointer inside a non-nil
// Object (an event whose old object is absent holds one).
func IsNil(obj Object) bool {
	if obj == nil {
		return true
	}
	v := reflect.ValueOf(obj)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

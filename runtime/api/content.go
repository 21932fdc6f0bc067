package api

import (
	"fmt"
	"reflect"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
)

var (
	objectType = reflect.TypeFor[Object]()
	anyType    = reflect.TypeFor[any]()
)

// findingValue is v as JSONBlock marshals it. An object (by pointer or by
// value), a list object, and a slice, array or map holding objects have
// each object replaced by Sanitize's content, so that an action showing an
// object as JSON cannot leak a Secret or its last-applied annotation.
// Anything else passes unchanged; objects inside the action's own structs
// are not looked for.
func findingValue(v any) any {
	switch o := v.(type) {
	case nil:
		return nil
	case *unstructured.Unstructured:
		if !IsNil(o) && o.IsList() {
			if l, err := o.ToList(); err == nil {
				return listContent(l)
			}
		}
	case runtime.Object:
		if _, isObj := o.(Object); !isObj && meta.IsListType(o) {
			return listContent(o)
		}
	}
	if o, ok := v.(Object); ok {
		if IsNil(o) {
			return nil
		}
		return Sanitize(o)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Struct:
		if reflect.PointerTo(rv.Type()).Implements(objectType) { // corev1.Secret by value
			p := reflect.New(rv.Type())
			p.Elem().Set(rv)
			return findingValue(p.Interface())
		}
	case reflect.Slice, reflect.Array:
		if (rv.Kind() == reflect.Array || !rv.IsNil()) && mayHoldObjects(rv.Type().Elem()) {
			out := make([]any, rv.Len())
			for i := range out {
				out[i] = findingValue(rv.Index(i).Interface())
			}
			return out
		}
	case reflect.Map:
		if !rv.IsNil() && mayHoldObjects(rv.Type().Elem()) {
			out := reflect.MakeMapWithSize(reflect.MapOf(rv.Type().Key(), anyType), rv.Len())
			for it := rv.MapRange(); it.Next(); {
				// Through an any, so that a nil value stays a key with null:
				// SetMapIndex with a zero Value would delete the key.
				e := reflect.New(anyType).Elem()
				if x := findingValue(it.Value().Interface()); x != nil {
					e.Set(reflect.ValueOf(x))
				}
				out.SetMapIndex(it.Key(), e)
			}
			return out.Interface()
		}
	}
	return v
}

// mayHoldObjects reports whether a container's elements of type t may be
// objects or containers of them: interfaces, objects, and slices or maps.
func mayHoldObjects(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface, reflect.Slice, reflect.Array, reflect.Map:
		return t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Uint8 // []byte is data
	case reflect.Struct:
		return reflect.PointerTo(t).Implements(objectType)
	}
	return t.Implements(objectType)
}

// listContent is a list object (a SecretList, an UnstructuredList) with
// each item sanitized; the list's own metadata says nothing worth showing.
func listContent(l runtime.Object) map[string]any {
	items, err := meta.ExtractList(l)
	if err != nil {
		return map[string]any{"error": fmt.Sprintf("reading list: %v", err)}
	}
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = findingValue(it)
	}
	m := map[string]any{"items": out}
	if gvk := l.GetObjectKind().GroupVersionKind(); gvk.Kind != "" {
		m["apiVersion"], m["kind"] = gvk.GroupVersion().String(), gvk.Kind
	}
	return m
}

package trigger

import (
	"errors"
	"reflect"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/runtime/api"
)

// changeFilter is a compiled ChangeFilters (Robusta's
// check_change_filters): on an update, the ignore paths are removed from
// copies of both objects, the copies are compared, and the trigger fires
// when a difference remains whose path contains an include string, or any
// difference when include is empty.
//
// Like Robusta, include strings are substrings of the changed path, not
// prefixes ("image" matches spec.template.spec.containers[0].image;
// Robusta's own docs rely on that). Paths are written as Robusta's
// formatted diff paths without the kind: dotted keys, [n] for list
// elements and ['k'] for map keys of labels and annotations.
//
// This is the one filter that allocates (two conversions of the objects
// to maps): only triggers that set change_filters pay for it.
type changeFilter struct {
	include []string
	ignore  [][]string
}

var errEmptyPath = errors.New("empty path")

func compileChangeFilters(p *ChangeFilters, errs []error) (*changeFilter, []error) {
	if p == nil {
		return nil, errs
	}
	c := &changeFilter{include: p.Include}
	for i, in := range p.Include {
		if strings.TrimSpace(in) == "" {
			errs = append(errs, &PathError{Path: []string{"change_filters", "include", strconv.Itoa(i)}, Err: errEmptyPath})
		}
	}
	for i, ig := range p.Ignore {
		parts := strings.Split(ig, ".")
		for _, part := range parts {
			if part == "" {
				errs = append(errs, &PathError{Path: []string{"change_filters", "ignore", strconv.Itoa(i)}, Err: errEmptyPath})
				break
			}
		}
		c.ignore = append(c.ignore, parts)
	}
	return c, errs
}

// changed reports whether the update from old to obj passes the filter. An
// update without its old object passes: there is nothing to compare.
func (c *changeFilter) changed(obj, old api.Object) bool {
	if isNilObject(old) || isNilObject(obj) {
		return true
	}
	a, b := rawObject(obj), rawObject(old)
	for _, path := range c.ignore {
		deletePath(a, path)
		deletePath(b, path)
	}
	found := false
	walkDiff(a, b, "", func(path string) bool {
		if len(c.include) == 0 {
			found = true
		}
		for _, in := range c.include {
			if strings.Contains(path, in) {
				found = true
			}
		}
		return !found
	})
	return found
}

// rawObject is obj as JSON-shaped maps (what Robusta's matchers see); nil
// when it cannot be converted.
func rawObject(obj api.Object) map[string]any {
	if isNilObject(obj) {
		return nil
	}
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return nil
	}
	return m
}

func isNilObject(obj api.Object) bool {
	if obj == nil {
		return true
	}
	v := reflect.ValueOf(obj)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// deletePath removes the value at a dotted path of map keys, if present
// (Robusta sets it to None, which compares the same).
func deletePath(m map[string]any, path []string) {
	for i, key := range path {
		if m == nil {
			return
		}
		if i == len(path)-1 {
			delete(m, key)
			return
		}
		m, _ = m[key].(map[string]any)
	}
}

// walkDiff calls f with the path of each difference between a and b, the
// deepest path at which they differ, until f returns false. A map key or a
// list element present on one side only is a difference at its own path.
func walkDiff(a, b any, path string, f func(string) bool) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return f(path)
		}
		for k, va := range x {
			vb, ok := y[k]
			if !ok {
				if !f(join(path, k)) {
					return false
				}
				continue
			}
			if !walkDiff(va, vb, join(path, k), f) {
				return false
			}
		}
		for k := range y {
			if _, ok := x[k]; !ok && !f(join(path, k)) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok {
			return f(path)
		}
		for i := range max(len(x), len(y)) {
			p := path + "[" + strconv.Itoa(i) + "]"
			if i >= len(x) || i >= len(y) {
				if !f(p) {
					return false
				}
				continue
			}
			if !walkDiff(x[i], y[i], p, f) {
				return false
			}
		}
		return true
	}
	if reflect.DeepEqual(a, b) {
		return true
	}
	return f(path)
}

// join appends key to a path: dotted, except the keys of labels and
// annotations, written ['key'] as hikaru formats dictionary keys.
func join(path, key string) string {
	switch {
	case path == "":
		return key
	case strings.HasSuffix(path, ".labels") || strings.HasSuffix(path, ".annotations") || path == "labels" || path == "annotations":
		return path + "['" + key + "']"
	}
	return path + "." + key
}

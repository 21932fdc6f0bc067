package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
)

// Diff is one changed field: a dotted path with the old and new values as
// JSON (empty when the field was added or removed).
type Diff struct {
	Path string `json:"path"`
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
}

// KubernetesDiff shows what changed between two versions of an object.
type KubernetesDiff struct {
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Diffs     []Diff `json:"diffs"`
}

// Counts returns how many fields were added, removed and modified.
func (d KubernetesDiff) Counts() (added, removed, modified int) {
	for _, x := range d.Diffs {
		switch {
		case x.Old == "":
			added++
		case x.New == "":
			removed++
		default:
			modified++
		}
	}
	return
}

// ignoredDiffPaths change on every write and say nothing about intent.
var ignoredDiffPaths = []string{
	"metadata.resourceVersion",
	"metadata.managedFields",
	"metadata.generation",
	"metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
}

// KubernetesDiffBlock compares two versions of an object (either may be nil:
// a create or a delete) and lists the changed fields, sorted by path.
func KubernetesDiffBlock(oldObj, newObj Object) KubernetesDiff {
	subject := newObj
	if subject == nil {
		subject = oldObj
	}
	var d KubernetesDiff
	if subject != nil {
		d.Kind = KindOf(subject)
		d.Name, d.Namespace = subject.GetName(), subject.GetNamespace()
	}
	diffValues("", toMap(oldObj), toMap(newObj), &d.Diffs)
	slices.SortFunc(d.Diffs, func(a, b Diff) int { return strings.Compare(a.Path, b.Path) })
	return d
}

func toMap(o Object) map[string]any {
	if o == nil {
		return nil
	}
	if u, ok := o.(*unstructured.Unstructured); ok {
		return u.Object
	}
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(o)
	if err != nil {
		return map[string]any{"error": fmt.Sprint(err)}
	}
	return m
}

func diffValues(path string, a, b any, out *[]Diff) {
	if slices.Contains(ignoredDiffPaths, path) {
		return
	}
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if (aok || a == nil) && (bok || b == nil) && (aok || bok) {
		for k, av := range am {
			diffValues(join(path, k), av, bm[k], out)
		}
		for k, bv := range bm {
			if _, seen := am[k]; !seen {
				diffValues(join(path, k), nil, bv, out)
			}
		}
		return
	}
	as, bs := encode(a), encode(b)
	if as != bs {
		*out = append(*out, Diff{Path: path, Old: as, New: bs})
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func encode(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

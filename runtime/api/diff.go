package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
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
// managedFields and the last-applied annotation are not listed: they are
// gone before the comparison (StripBookkeeping).
var ignoredDiffPaths = []string{
	"metadata.resourceVersion",
	"metadata.generation",
}

// KubernetesDiffBlock compares two versions of an object (either may be nil:
// a create or a delete) and lists the changed fields, sorted by path. Both
// versions are compared as finding content (see Sanitize); for a Secret the
// changed keys of data and stringData are listed with Redacted for their
// values, old and new, so the diff says which key changed and never to what.
func KubernetesDiffBlock(oldObj, newObj Object) KubernetesDiff {
	subject := newObj
	if isNil(subject) {
		subject = oldObj
	}
	var d KubernetesDiff
	if !isNil(subject) {
		d.Kind = KindOf(subject)
		d.Name, d.Namespace = subject.GetName(), subject.GetNamespace()
	}
	// Values are compared in clear, so that a changed secret shows as
	// changed, and redacted before they enter the block.
	diffValues("", plainContent(oldObj), plainContent(newObj), &d.Diffs)
	if isSecret(oldObj) || isSecret(newObj) {
		redactDiffs(d.Diffs)
	}
	slices.SortFunc(d.Diffs, func(a, b Diff) int { return strings.Compare(a.Path, b.Path) })
	return d
}

// redactDiffs replaces the values of a Secret's secret fields; an empty
// value stays empty, so added and removed keys still count as such.
func redactDiffs(diffs []Diff) {
	for i := range diffs {
		if !isSecretPath(diffs[i].Path) {
			continue
		}
		if diffs[i].Old != "" {
			diffs[i].Old = redactedJSON
		}
		if diffs[i].New != "" {
			diffs[i].New = redactedJSON
		}
	}
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

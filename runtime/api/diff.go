package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Diff is one changed field: its path, with the old and new values as JSON
// (empty when the field was added or removed). Paths are written as
// Robusta's diff paths without the kind: dotted field names, [n] for list
// elements, ['key'] for the keys of labels, annotations and the other maps
// of data (spec.template.spec.containers[0].image,
// metadata.labels['team'], data['tls.crt']); change_filters use the same
// paths (see ChangeFilter).
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

// Field is the name of the changed field: the path's last key, list
// indexes skipped (spec.containers[0] is "containers"), as Robusta names
// the changed attributes of an update.
func (d Diff) Field() string {
	parts := PathElements(d.Path)
	for i := len(parts) - 1; i >= 0; i-- {
		if !isIndex(parts[i]) {
			return parts[i]
		}
	}
	return ""
}

func isIndex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
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
	if IsNil(subject) {
		subject = oldObj
	}
	var d KubernetesDiff
	if !IsNil(subject) {
		d.Kind = KindOf(subject)
		d.Name, d.Namespace = subject.GetName(), subject.GetNamespace()
	}
	// Values are compared in clear, so that a changed secret shows as
	// changed, and redacted before they enter the block.
	diffValues(plainContent(oldObj), plainContent(newObj), &d.Diffs)
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

// diffValues appends the differences walkDiff finds, bookkeeping paths
// left out, with their values as JSON.
func diffValues(a, b any, out *[]Diff) {
	walkDiff("", a, b, func(path string, old, new any) bool {
		if !slices.Contains(ignoredDiffPaths, path) {
			*out = append(*out, Diff{Path: path, Old: encode(old), New: encode(new)})
		}
		return true
	})
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

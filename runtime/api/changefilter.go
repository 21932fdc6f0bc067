package api

import (
	"slices"
	"strings"
)

// ChangeFilter is the change_filters of the trigger that fired the running
// playbook, as Robusta's trigger leaves them on the event (filtered_diffs,
// obj_filtered): which differences of the change the playbook asked for.
// Execution.ChangeFilter returns it; it is nil when the trigger set no
// change_filters, and a nil *ChangeFilter keeps everything, so an action
// can use it unconditionally:
//
//	diff := api.KubernetesDiffBlock(event.GetOldObj(), event.GetObj())
//	diff.Diffs = event.Execution().ChangeFilter().Diffs(event.GetOperation(), diff.Diffs)
//
// Paths are Diff paths. The trigger decides with the same filter whether
// an update fires (Passes), so an update that fired has at least one kept
// difference.
type ChangeFilter struct {
	include []string
	ignore  [][]string
}

// NewChangeFilter returns the filter of change_filters {include, ignore}.
// An include string matches a difference whose path contains it, as in
// Robusta ("image" matches spec.template.spec.containers[0].image); an
// empty include keeps every difference. An ignore path drops the
// differences at or under it, matched key by key ("spec.replicas" drops
// spec.replicas but not spec.replicasHistory); it may be dotted or use
// ['key'] (see PathElements), and it may name a key of a map
// (metadata.labels.team): Robusta's setattr on a dict fails and silently
// ignores nothing. The caller checks for empty strings.
func NewChangeFilter(include, ignore []string) *ChangeFilter {
	f := &ChangeFilter{include: include}
	for _, ig := range ignore {
		f.ignore = append(f.ignore, PathElements(ig))
	}
	return f
}

// Ignores reports whether a difference at path is under an ignore path.
// On a nil filter it is false.
func (f *ChangeFilter) Ignores(path string) bool {
	if f == nil || len(f.ignore) == 0 {
		return false
	}
	parts := PathElements(path)
	for _, ig := range f.ignore {
		if len(ig) <= len(parts) && slices.Equal(ig, parts[:len(ig)]) {
			return true
		}
	}
	return false
}

// Keep reports whether an update's difference at path is one the trigger
// asked for: not ignored, and under an include string when there are any.
// On a nil filter it is true.
func (f *ChangeFilter) Keep(path string) bool {
	if f == nil {
		return true
	}
	if f.Ignores(path) {
		return false
	}
	if len(f.include) == 0 {
		return true
	}
	for _, in := range f.include {
		if strings.Contains(path, in) {
			return true
		}
	}
	return false
}

// Diffs returns the differences of a change of operation op that the
// filter keeps, in a new slice: on an update those Keep keeps; on a create
// or delete, which have no update to filter, those not ignored (Robusta
// shows the object without its ignored fields). A nil filter returns diffs.
func (f *ChangeFilter) Diffs(op Operation, diffs []Diff) []Diff {
	if f == nil {
		return diffs
	}
	var out []Diff
	for _, d := range diffs {
		if op == OperationUpdate && f.Keep(d.Path) || op != OperationUpdate && !f.Ignores(d.Path) {
			out = append(out, d)
		}
	}
	return out
}

// Passes reports whether the update from old to obj has a difference the
// filter keeps, the test of Robusta's check_change_filters; an update
// without one of its objects passes, as there is nothing to compare. Both
// are compared as KubernetesDiffBlock compares them (stripped copies), and
// it stops at the first kept difference.
func (f *ChangeFilter) Passes(old, obj Object) bool {
	if IsNil(old) || IsNil(obj) {
		return true
	}
	found := false
	walkDiff("", plainContent(old), plainContent(obj), func(path string, _, _ any) bool {
		found = f.Keep(path)
		return !found
	})
	return found
}

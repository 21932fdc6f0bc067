package engine

import (
	"reflect"

	"github.com/robusta-go/robusta/runtime/api"
)

// fork returns a new event of ev's concrete type for the engine to go on
// with after an action on ev timed out and ev was sealed: the same inputs
// (the struct's exported fields: the object, the alert, the recurrence)
// and a copy of ev's execution (api.Execution.Adopt). The abandoned action
// keeps ev, which no longer reaches anything routed.
//
// Copying the exported fields one by one, rather than the whole struct,
// leaves the new event's unexported Execution, and its lock, untouched:
// copying that memory would race with the abandoned action taking the
// lock. It reports false for an event it cannot copy so (an unexported
// field other than the embedded Execution, or one that shares ev's
// Execution); the caller then goes no further with that input.
func fork(ev api.ExecutionEvent) (api.ExecutionEvent, bool) {
	v := reflect.ValueOf(ev)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	old, t := v.Elem(), v.Elem().Type()
	nv := reflect.New(t)
	for i := range t.NumField() {
		sf := t.Field(i)
		switch {
		case sf.IsExported():
			nv.Elem().Field(i).Set(old.Field(i))
		case sf.Anonymous && sf.Type.Kind() == reflect.Struct:
			// the embedded event base that holds the Execution
		default:
			return nil, false
		}
	}
	ne, ok := nv.Interface().(api.ExecutionEvent)
	if !ok || ne.Execution() == ev.Execution() {
		return nil, false
	}
	ne.Execution().Adopt(ev.Execution())
	return ne, true
}

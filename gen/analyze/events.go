package analyze

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/robusta-go/robusta/internal/diag"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// events knows the event types of the loaded api package and the concrete
// event type of each trigger.
type events struct {
	api  *types.Package
	exec *types.Interface // api.ExecutionEvent
	// triggers are in trigger.Specs order, each with a pointer to its
	// concrete event type.
	triggers []triggerEvent
}

type triggerEvent struct {
	name string
	typ  types.Type
}

func newEvents(api *types.Package) (*events, diag.List) {
	var diags diag.List
	e := &events{api: api}
	if obj, ok := api.Scope().Lookup("ExecutionEvent").(*types.TypeName); ok {
		e.exec, _ = obj.Type().Underlying().(*types.Interface)
	}
	if e.exec == nil {
		diags.Errorf(diag.Position{}, "%s.ExecutionEvent is not an interface: robusta-gen and the runtime it loaded do not match", api.Path())
		e.exec = types.NewInterfaceType(nil, nil)
	}
	for _, s := range trigger.Specs() {
		obj, ok := api.Scope().Lookup(s.Event).(*types.TypeName)
		if !ok {
			// The generator's trigger table names a type the loaded runtime
			// lacks: the two come from different versions of the module.
			diags.Errorf(diag.Position{}, "trigger %s: %s has no type %s: robusta-gen and the runtime it loaded are different versions", s.Name, api.Path(), s.Event)
			continue
		}
		e.triggers = append(e.triggers, triggerEvent{s.Name, types.NewPointer(obj.Type())})
	}
	return e, diags
}

// accepting returns the names of the triggers whose events implement (or
// are) t, sorted.
func (e *events) accepting(t types.Type) []string {
	var names []string
	for _, tr := range e.triggers {
		if types.AssignableTo(tr.typ, t) {
			names = append(names, tr.name)
		}
	}
	slices.Sort(names)
	return names
}

// check returns why t cannot be an action's event type, or "".
func (e *events) check(t types.Type, q types.Qualifier) string {
	t = types.Unalias(t)
	ptr, isPtr := t.(*types.Pointer)
	named, _ := t.(*types.Named)
	if isPtr {
		named, _ = types.Unalias(ptr.Elem()).(*types.Named)
	}
	if named == nil {
		return fmt.Sprintf("event type %s is not an event: %s", types.TypeString(t, q), e.want())
	}
	obj := named.Obj()
	if obj.Pkg() != e.api {
		if e.looksLikeEvent(named) {
			return fmt.Sprintf("event type %s (from %s) is not an event of %s: %s", types.TypeString(t, q), pkgPath(obj), e.api.Path(), e.want())
		}
		return fmt.Sprintf("event type %s is not an event: %s", types.TypeString(t, q), e.want())
	}
	_, isIface := named.Underlying().(*types.Interface)
	_, isStruct := named.Underlying().(*types.Struct)
	switch {
	case !isPtr && isIface && types.AssignableTo(named, e.exec):
		return ""
	case isPtr && isStruct && types.AssignableTo(t, e.exec):
		return ""
	case !isPtr && isStruct && types.AssignableTo(types.NewPointer(named), e.exec):
		return fmt.Sprintf("event type %s must be a pointer: *%s", types.TypeString(t, q), types.TypeString(t, q))
	}
	return fmt.Sprintf("event type %s is not an event: %s", types.TypeString(t, q), e.want())
}

// looksLikeEvent reports whether a type from another package was meant as
// one: its name ends in Event or it has an event's methods.
func (e *events) looksLikeEvent(n *types.Named) bool {
	return strings.HasSuffix(n.Obj().Name(), "Event") ||
		types.AssignableTo(n, e.exec) || types.AssignableTo(types.NewPointer(n), e.exec)
}

func (e *events) want() string {
	return "want an event type of " + e.api.Path() + ", such as api.PodEvent, api.ExecutionEvent or *api.PodChangeEvent"
}

func pkgPath(obj types.Object) string {
	if obj.Pkg() == nil {
		return "the universe"
	}
	return obj.Pkg().Path()
}

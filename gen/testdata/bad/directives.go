// Package badpb has one mistake of each class robusta-gen reports, each
// marked with the diagnostic it expects, analysistest style.
package badpb

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"
)

// Typo misspells the directive.
//
//robusta:actoin // want `unknown directive //robusta:actoin \(did you mean //robusta:action\?\)`
func Typo(ctx context.Context, event api.PodEvent) error { return nil }

// Unknown uses a directive nobody knows.
//
//robusta:frobnicate // want `unknown directive //robusta:frobnicate \(known: //robusta:action, //robusta:rbac\)`
func Unknown(ctx context.Context, event api.PodEvent) error { return nil }

// Upper writes the name in upper case, which gofmt then turns into prose
// by adding a space after the slashes.
//
// robusta:Action // want `"// robusta:Action" is a comment, not a directive: write //robusta:<name> with no space after //`
func Upper(ctx context.Context, event api.PodEvent) error { return nil }

//robusta:Action // want `malformed directive "//robusta:Action".*\(did you mean //robusta:action\?\)`

// UpperFloating is preceded by a floating malformed directive, which gofmt
// leaves alone.
func UpperFloating(ctx context.Context, event api.PodEvent) error { return nil }

// BadName is not snake_case.
//
//robusta:action name=BadName // want `name="BadName" is not snake_case \(want e.g. "bad_name"\)`
func BadName(ctx context.Context, event api.PodEvent) error { return nil }

// BadArg has an unknown argument.
//
//robusta:action nme=x // want `unknown argument "nme" \(did you mean name=\?\)`
func BadArg(ctx context.Context, event api.PodEvent) error { return nil }

// Twice has the directive twice.
//
//robusta:action
//robusta:action // want `//robusta:action given twice on Twice`
func Twice(ctx context.Context, event api.PodEvent) error { return nil }

// T is a type.
//
//robusta:action // want `//robusta:action on a type: actions are top-level functions`
type T struct {
	//robusta:action // want `//robusta:action on a field`
	F int
}

// Method is a method.
//
//robusta:action // want `//robusta:action on method \(T\).Method: actions are top-level functions`
func (T) Method(ctx context.Context, event api.PodEvent) error { return nil }

// V is a variable.
//
//robusta:action // want `//robusta:action on a variable`
var V = 1

//robusta:action // want `//robusta:action on a constant`
const C = 2

// Generic has type parameters.
//
//robusta:action // want `//robusta:action on generic function Generic: actions cannot have type parameters`
func Generic[E api.ExecutionEvent](ctx context.Context, event E) error { return nil }

//robusta:action // want `//robusta:action not attached to a declaration: put it in the doc comment right above the function`

// Floating is separated from its directive by a blank line.
func Floating(ctx context.Context, event api.PodEvent) error {
	//robusta:action // want `//robusta:action inside a declaration`
	return nil
}

//robusta:rbac groups=apps,resources=deployments,verbs=gett // want `invalid verb value "gett" \(did you mean get\?\)`

//robusta:rbac groups=apps,resources=deployments // want `missing verbs=`

//robusta:rbac groups=apps,resourses=deployments,verbs=get // want `unknown argument "resourses" \(did you mean resources=\?\)` `missing resources=`

// NotAnAction has an RBAC rule but no action directive.
//
//robusta:rbac groups=apps,resources=deployments,verbs=get // want `//robusta:rbac on function NotAnAction, which is not an action`
func NotAnAction() {}

// W is a type with an RBAC rule.
//
//robusta:rbac groups=apps,resources=deployments,verbs=get // want `//robusta:rbac on a type: it belongs at package level or in an action's doc comment`
type W int

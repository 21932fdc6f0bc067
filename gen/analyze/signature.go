package analyze

import (
	"go/types"

	"github.com/robusta-go/robusta/gen/model"
)

// signature checks fn against Contract 1 and fills a's event, params and
// flags. It reports every mistake it finds and returns whether there were
// none.
func (c *checker) signature(a *model.Action, sig *types.Signature) bool {
	d := a.Decl
	ok := true
	params := sig.Params()
	n := params.Len()
	for i := 1; i < n; i++ {
		if isContext(params.At(i).Type()) {
			c.errorf(c.paramPos(d, i), "context.Context must be the first parameter: %s", shape)
			ok = false
		}
	}
	first := 0
	if n > 0 && isContext(params.At(0).Type()) {
		a.HasContext, first = true, 1
	}
	switch rest := n - first; {
	case rest == 0:
		c.errorf(d.Type.Params.Pos(), "action takes no event: %s", shape)
		ok = false
	case rest > 2:
		c.errorf(c.paramPos(d, first+2), "too many parameters: %s", shape)
		ok = false
	case sig.Variadic():
		c.errorf(c.paramPos(d, n-1), "variadic parameter: %s", shape)
		ok = false
	}
	ok = c.results(a, sig) && ok
	if !ok || n-first == 0 {
		return false
	}
	event := params.At(first).Type()
	var param types.Type
	if n-first == 2 {
		param = params.At(first + 1).Type()
	}
	if invalid(event) || (param != nil && invalid(param)) {
		return false // the type checker has said why
	}
	eventMsg := c.events.check(event, c.qualify)
	if eventMsg != "" && param != nil && c.events.check(param, c.qualify) == "" {
		c.errorf(c.paramPos(d, first), "parameters out of order: the event comes before the params: %s", shape)
		return false
	}
	if eventMsg != "" {
		c.errorf(c.paramPos(d, first), "%s", eventMsg)
		ok = false
	}
	a.Event = event
	if param != nil {
		if msg := c.params(a, param); msg != "" {
			c.errorf(c.paramPos(d, first+1), "%s", msg)
			ok = false
		}
	}
	return ok
}

// results checks that sig returns nothing or an error.
func (c *checker) results(a *model.Action, sig *types.Signature) bool {
	r := sig.Results()
	switch {
	case r.Len() == 0:
		return true
	case r.Len() == 1 && invalid(r.At(0).Type()):
		return false
	case r.Len() == 1 && types.Identical(r.At(0).Type(), errorType):
		a.ReturnsError = true
		return true
	}
	c.errorf(resultsPos(a.Decl), "action returns %s: it must return nothing or error", types.TypeString(r, c.qualify))
	return false
}

// params checks the params type and fills a.Params: a named struct, not
// generic, by value or pointer. It returns why t is refused, or "".
func (c *checker) params(a *model.Action, t types.Type) string {
	desc := types.TypeString(t, c.qualify)
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t, a.ParamsPointer = types.Unalias(p.Elem()), true
	}
	named, ok := t.(*types.Named)
	if !ok {
		if _, anon := t.Underlying().(*types.Struct); anon {
			return "params type " + desc + " is an anonymous struct: declare a named struct type"
		}
		return "params type " + desc + " is not a named struct type"
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return "params type " + desc + " is not a struct (its underlying type is " + types.TypeString(named.Underlying(), c.qualify) + ")"
	}
	if named.TypeArgs().Len() > 0 || named.TypeParams().Len() > 0 {
		return "params type " + desc + " is generic: use a struct type without type parameters"
	}
	a.Params = named
	return ""
}

var errorType = types.Universe.Lookup("error").Type()

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// invalid reports whether the type checker failed on t (an undefined name,
// a broken import).
func invalid(t types.Type) bool {
	for {
		switch x := types.Unalias(t).(type) {
		case *types.Basic:
			return x.Kind() == types.Invalid
		case *types.Pointer:
			t = x.Elem()
		default:
			return false
		}
	}
}

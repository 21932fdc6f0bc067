package emit

import (
	"go/types"

	"github.com/dave/jennifer/jen"

	"github.com/robusta-go/robusta/gen/model"
)

// locals are the names of an adapter's local variables, chosen so that none
// shadows what the adapter refers to: an import alias, or a package-level
// name such as the action's function or params type.
type locals struct {
	params, p, ctx, e, ev, ok, err string
}

func localsFor(pkg *types.Package, aliases map[string]string) locals {
	taken := func(n string) bool {
		for _, alias := range aliases {
			if n == alias {
				return true
			}
		}
		return pkg.Scope().Lookup(n) != nil
	}
	return locals{
		params: fresh("params", taken),
		p:      fresh("p", taken),
		ctx:    fresh("ctx", taken),
		e:      fresh("e", taken),
		ev:     fresh("ev", taken),
		ok:     fresh("ok", taken),
		err:    fresh("err", taken),
	}
}

// accepts is func(e api.ExecutionEvent) bool: the adapter's type assertion.
func accepts(l locals, a *model.Action) jen.Code {
	return jen.Func().Params(jen.Id(l.e).Qual(eventPkg(a.Event), "ExecutionEvent")).Bool().Block(
		jen.List(jen.Id("_"), jen.Id(l.ok)).Op(":=").Id(l.e).Assert(typeCode(a.Event)),
		jen.Return(jen.Id(l.ok)),
	)
}

// eventPkg is the import path of the package declaring the event type.
func eventPkg(t types.Type) string {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	return t.(*types.Named).Obj().Pkg().Path()
}

// bind is func(params []byte) (registry.Func, error): decode once, then
// return the typed closure.
func bind(pkg *types.Package, l locals, a *model.Action) jen.Code {
	apiPath := eventPkg(a.Event)
	var decode []jen.Code
	args := []jen.Code{jen.Id(l.ev)}
	switch {
	case a.Params == nil:
		// No params: still refuse stray keys, as Decode does for a struct.
		decode = append(decode, decodeInto(l, jen.Op("&").Struct().Values()))
	case a.ParamsPointer:
		decode = append(decode,
			jen.Id(l.p).Op(":=").New(typeCode(a.Params)),
			decodeInto(l, jen.Id(l.p)))
		args = append(args, jen.Id(l.p))
	default:
		decode = append(decode,
			jen.Var().Id(l.p).Add(typeCode(a.Params)),
			decodeInto(l, jen.Op("&").Id(l.p)))
		args = append(args, jen.Id(l.p))
	}
	ctxParam := jen.Id("_")
	if a.HasContext {
		ctxParam = jen.Id(l.ctx)
		args = append([]jen.Code{jen.Id(l.ctx)}, args...)
	}
	call := jen.Qual(pkg.Path(), a.Func.Name()).Call(args...)
	run := []jen.Code{
		jen.List(jen.Id(l.ev), jen.Id(l.ok)).Op(":=").Id(l.e).Assert(typeCode(a.Event)),
		jen.If(jen.Op("!").Id(l.ok)).Block(jen.Return(jen.Qual(registryPath, "ErrEventMismatch"))),
	}
	if a.ReturnsError {
		run = append(run, jen.Return(call))
	} else {
		run = append(run, call, jen.Return(jen.Nil()))
	}
	closure := jen.Func().Params(
		ctxParam.Qual(contextPath, "Context"),
		jen.Id(l.e).Qual(apiPath, "ExecutionEvent"),
	).Error().Block(run...)
	body := append(decode, jen.Return(closure, jen.Nil()))
	return jen.Func().Params(jen.Id(l.params).Index().Byte()).
		Params(jen.Qual(registryPath, "Func"), jen.Error()).Block(body...)
}

func decodeInto(l locals, target jen.Code) jen.Code {
	return jen.If(
		jen.Id(l.err).Op(":=").Qual(registryPath, "Decode").Call(jen.Id(l.params), target),
		jen.Id(l.err).Op("!=").Nil(),
	).Block(jen.Return(jen.Nil(), jen.Id(l.err)))
}

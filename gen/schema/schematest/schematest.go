// Package schematest loads the playbook fixture module of the schema,
// values and docs tests into a model.Bundle, without the generator's own
// loader and analysis: those packages' tests should not depend on them.
//
// The fixture lives in gen/schema/testdata/playbooks, a module of its own
// that replaces github.com/robusta-go/robusta with this checkout. Its
// actions are the functions marked //robusta:action (name=x renames one);
// each action's triggers are decided the way the generator decides them,
// by asking go/types whether the trigger's concrete event type is
// assignable to the action's event type.
package schematest

import (
	"go/ast"
	"go/types"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/modpath"
	"github.com/robusta-go/robusta/runtime/trigger"
)

const apiPath = modpath.API

// Dir is the fixture module's directory.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "playbooks")
}

// Load loads patterns (relative to the fixture module, e.g. "./good") and
// returns their actions. Loading takes about a second; tests should load
// once per binary.
func Load(tb testing.TB, patterns ...string) *model.Bundle {
	tb.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedSyntax |
			packages.NeedTypes | packages.NeedTypesInfo,
		Dir: Dir(),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		tb.Fatalf("loading fixture: %v", err)
	}
	b := &model.Bundle{Packages: pkgs}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			tb.Fatalf("fixture package %s has errors: %v", p.PkgPath, p.Errors)
		}
		for _, imp := range p.Types.Imports() {
			if imp.Path() == apiPath {
				b.API = imp
			}
		}
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if name, ok := directive(fd); ok {
						b.Actions = append(b.Actions, action(p, fd, name))
					}
				}
			}
		}
	}
	for _, a := range b.Actions {
		a.Triggers = triggers(b.API, a.Event)
	}
	slices.SortFunc(b.Actions, func(x, y *model.Action) int { return strings.Compare(x.Name, y.Name) })
	return b
}

// Subset is b with only the actions named.
func Subset(b *model.Bundle, names ...string) *model.Bundle {
	return filter(b, func(a *model.Action) bool { return slices.Contains(names, a.Name) })
}

// Without is b without the actions named.
func Without(b *model.Bundle, names ...string) *model.Bundle {
	return filter(b, func(a *model.Action) bool { return !slices.Contains(names, a.Name) })
}

func filter(b *model.Bundle, keep func(*model.Action) bool) *model.Bundle {
	s := *b
	s.Actions = nil
	for _, a := range b.Actions {
		if keep(a) {
			s.Actions = append(s.Actions, a)
		}
	}
	return &s
}

// Action returns the action called name.
func Action(tb testing.TB, b *model.Bundle, name string) *model.Action {
	tb.Helper()
	for _, a := range b.Actions {
		if a.Name == name {
			return a
		}
	}
	tb.Fatalf("no action %q in the fixture", name)
	return nil
}

func directive(fd *ast.FuncDecl) (string, bool) {
	if fd.Doc == nil {
		return "", false
	}
	for _, c := range fd.Doc.List {
		if args, ok := strings.CutPrefix(c.Text, "//robusta:action"); ok {
			for _, arg := range strings.Fields(args) {
				if n, ok := strings.CutPrefix(arg, "name="); ok {
					return n, true
				}
			}
			return snake(fd.Name.Name), true
		}
	}
	return "", false
}

func action(p *packages.Package, fd *ast.FuncDecl, name string) *model.Action {
	fn := p.TypesInfo.Defs[fd.Name].(*types.Func)
	sig := fn.Signature()
	a := &model.Action{Name: name, Pkg: p, Decl: fd, Directive: fd.Doc.Pos(), Func: fn, Doc: strings.TrimSpace(fd.Doc.Text())}
	params := sig.Params()
	i := 0
	if params.Len() > 0 && types.TypeString(params.At(0).Type(), nil) == "context.Context" {
		a.HasContext, i = true, 1
	}
	a.Event = params.At(i).Type()
	if params.Len() > i+1 {
		t := params.At(i + 1).Type()
		if ptr, ok := t.(*types.Pointer); ok {
			a.ParamsPointer, t = true, ptr.Elem()
		}
		a.Params = t.(*types.Named)
	}
	a.ReturnsError = sig.Results().Len() == 1
	return a
}

func triggers(api *types.Package, event types.Type) []string {
	var names []string
	for _, s := range trigger.Specs() {
		if obj := api.Scope().Lookup(s.Event); obj != nil && types.AssignableTo(types.NewPointer(obj.Type()), event) {
			names = append(names, s.Name)
		}
	}
	slices.Sort(names)
	return names
}

// snake is PodBashEnricher -> pod_bash_enricher.
func snake(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 && (unicode.IsLower(r[i-1]) || i+1 < len(r) && unicode.IsLower(r[i+1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

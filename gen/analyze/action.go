package analyze

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/scan"
	"github.com/robusta-go/robusta/internal/diag"
)

// shape is Contract 1's signature, quoted in messages.
const shape = "want func([ctx context.Context,] event E[, params P]) [error]"

// checker analyses the actions of one package.
type checker struct {
	fset   *token.FileSet
	pkg    *packages.Package
	events *events
	diags  diag.List
}

func (c *checker) errorf(pos token.Pos, format string, args ...any) {
	c.diags.Errorf(diag.At(c.fset.Position(pos)), format, args...)
}

// qualify names types by package name, leaving the checked package's own
// types unqualified, as its author writes them.
func (c *checker) qualify(p *types.Package) string {
	if p == c.pkg.Types {
		return ""
	}
	return p.Name()
}

// action checks one directive's function; nil when it is not an action.
func (c *checker) action(f scan.Action) *model.Action {
	fn, ok := c.pkg.TypesInfo.Defs[f.Decl.Name].(*types.Func)
	if !ok {
		return nil
	}
	a := &model.Action{
		Name:      f.Name,
		Pkg:       c.pkg,
		Decl:      f.Decl,
		Directive: f.Pos,
		Func:      fn,
		Doc:       strings.TrimSpace(f.Decl.Doc.Text()),
	}
	if a.Name == "" {
		a.Name = scan.SnakeCase(fn.Name())
		if !scan.IsSnakeCase(a.Name) {
			c.errorf(f.Decl.Name.Pos(), "cannot derive a snake_case action name from %s: add name=<snake_case_name> to //%s:action", fn.Name(), scan.Tool)
			return nil
		}
	}
	if !c.signature(a, fn.Type().(*types.Signature)) {
		return nil
	}
	if a.Triggers = c.events.accepting(a.Event); len(a.Triggers) == 0 {
		c.errorf(c.paramPos(a.Decl, boolInt(a.HasContext)), "no trigger produces an event of type %s", types.TypeString(a.Event, c.qualify))
		return nil
	}
	return a
}

// registryName reports a package-level Actions of the package's own: the
// generated registry declares var Actions, and the two could not compile
// together.
func (c *checker) registryName() {
	if obj := c.pkg.Types.Scope().Lookup("Actions"); obj != nil {
		c.errorf(obj.Pos(), "package-level Actions clashes with the var Actions of the generated registry: rename it")
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// paramPos is the position of the i-th parameter's type; fields that
// declare several names (a, b T) share one.
func (c *checker) paramPos(d *ast.FuncDecl, i int) token.Pos {
	for _, f := range d.Type.Params.List {
		n := max(1, len(f.Names))
		if i < n {
			return f.Type.Pos()
		}
		i -= n
	}
	return d.Type.Params.Pos()
}

// resultsPos is where the result list starts, or the parameter list's end
// when there are no results to point at.
func resultsPos(d *ast.FuncDecl) token.Pos {
	if d.Type.Results != nil {
		return d.Type.Results.Pos()
	}
	return d.Type.Params.End()
}

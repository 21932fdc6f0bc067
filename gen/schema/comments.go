package schema

import (
	"cmp"
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// typeDoc is the doc comment of n's declaration: the type spec's own, the
// declaration's when it declares n alone, else the spec's line comment.
func (g *Generator) typeDoc(n *types.Named) string {
	obj := n.Origin().Obj()
	var spec *ast.TypeSpec
	for _, node := range g.enclosing(obj.Pkg(), obj.Pos()) {
		switch x := node.(type) {
		case *ast.TypeSpec:
			spec = x
		case *ast.GenDecl:
			switch {
			case spec == nil:
				return ""
			case spec.Doc != nil:
				return docText(spec.Doc)
			case len(x.Specs) == 1 && x.Doc != nil:
				return docText(x.Doc)
			}
			return docText(spec.Comment)
		}
	}
	return ""
}

// fieldDoc is the doc comment of the field v, else its line comment.
func (g *Generator) fieldDoc(v *types.Var) string {
	v = v.Origin()
	for _, node := range g.enclosing(v.Pkg(), v.Pos()) {
		if f, ok := node.(*ast.Field); ok {
			if f.Doc != nil {
				return docText(f.Doc)
			}
			return docText(f.Comment)
		}
	}
	return ""
}

// enclosing returns the syntax around pos, innermost first; nil when pkg was
// loaded without syntax.
func (g *Generator) enclosing(pkg *types.Package, pos token.Pos) []ast.Node {
	if pkg == nil || !pos.IsValid() {
		return nil
	}
	p := g.syntax[pkg.Path()]
	if p == nil {
		return nil
	}
	for _, f := range p.Syntax {
		if f.FileStart <= pos && pos <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return path
		}
	}
	return nil
}

// docText is a comment's text with each paragraph on one line.
func docText(cg *ast.CommentGroup) string {
	if cg == nil {
		return ""
	}
	paras := strings.Split(strings.TrimSpace(cg.Text()), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

// constants returns the values of the exported constants of type n declared
// in n's package, in declaration order, without repeats: n's enum.
func (g *Generator) constants(n *types.Named) []any {
	pkg := n.Obj().Pkg()
	if b, ok := n.Underlying().(*types.Basic); pkg == nil || !ok || b.Info()&types.IsBoolean != 0 {
		return nil
	}
	var consts []*types.Const
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if c, ok := scope.Lookup(name).(*types.Const); ok && c.Exported() && types.Identical(c.Type(), n) {
			consts = append(consts, c)
		}
	}
	slices.SortStableFunc(consts, func(a, b *types.Const) int {
		x, y := g.fset.Position(a.Pos()), g.fset.Position(b.Pos())
		return cmp.Or(cmp.Compare(x.Filename, y.Filename), cmp.Compare(x.Offset, y.Offset))
	})
	var values []any
	seen := map[string]bool{}
	for _, c := range consts {
		v := c.Val()
		if seen[v.ExactString()] {
			continue
		}
		seen[v.ExactString()] = true
		switch v.Kind() {
		case constant.String:
			values = append(values, constant.StringVal(v))
		case constant.Int:
			values = append(values, json.Number(v.ExactString()))
		default:
			f, _ := constant.Float64Val(v)
			values = append(values, json.Number(strconv.FormatFloat(f, 'g', -1, 64)))
		}
	}
	return values
}

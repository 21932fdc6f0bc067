package scan

import (
	"go/ast"
	"go/token"
)

// kind is what a comment group is attached to.
type kind int

const (
	floating    kind = iota // top level, attached to nothing: package level
	inside                  // inside a declaration, attached to nothing
	packageDoc              // the package clause's doc comment
	function                // a top-level function's doc comment
	method                  // a method's doc comment
	genericFunc             // a generic function's doc comment
	typeDecl
	varDecl
	constDecl
	importDecl
	field // a struct field, an interface method, a parameter
)

// place is where a comment group sits. fn is set for function, method and
// genericFunc.
type place struct {
	kind kind
	fn   *ast.FuncDecl
}

// describe names the place for messages: "on method (T).M", "on a type".
func (p place) describe() string {
	switch p.kind {
	case floating:
		return "not attached to a declaration"
	case inside:
		return "inside a declaration"
	case packageDoc:
		return "on the package clause"
	case method:
		return "on method " + methodName(p.fn)
	case genericFunc:
		return "on generic function " + p.fn.Name.Name
	case typeDecl:
		return "on a type"
	case varDecl:
		return "on a variable"
	case constDecl:
		return "on a constant"
	case importDecl:
		return "on an import"
	case field:
		return "on a field"
	}
	return "on function " + p.fn.Name.Name
}

func methodName(fn *ast.FuncDecl) string {
	recv := "?"
	if fn.Recv != nil && len(fn.Recv.List) > 0 {
		t := fn.Recv.List[0].Type
		if s, ok := t.(*ast.StarExpr); ok {
			t = s.X
		}
		switch x := t.(type) {
		case *ast.Ident:
			recv = x.Name
		case *ast.IndexExpr:
			recv = exprName(x.X)
		case *ast.IndexListExpr:
			recv = exprName(x.X)
		}
	}
	return "(" + recv + ")." + fn.Name.Name
}

func exprName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}

// placesOf maps every doc and line comment of f to what it documents.
// Groups it leaves out are floating or inside a declaration.
func placesOf(f *ast.File) map[*ast.CommentGroup]place {
	m := map[*ast.CommentGroup]place{}
	set := func(cg *ast.CommentGroup, p place) {
		if cg != nil {
			m[cg] = p
		}
	}
	set(f.Doc, place{kind: packageDoc})
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			p := place{kind: function, fn: d}
			switch {
			case d.Recv != nil:
				p.kind = method
			case d.Type.TypeParams != nil && len(d.Type.TypeParams.List) > 0:
				p.kind = genericFunc
			}
			set(d.Doc, p)
		case *ast.GenDecl:
			k := map[token.Token]kind{token.TYPE: typeDecl, token.VAR: varDecl, token.CONST: constDecl, token.IMPORT: importDecl}[d.Tok]
			set(d.Doc, place{kind: k})
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					set(s.Doc, place{kind: k})
					set(s.Comment, place{kind: k})
				case *ast.ValueSpec:
					set(s.Doc, place{kind: k})
					set(s.Comment, place{kind: k})
				case *ast.ImportSpec:
					set(s.Doc, place{kind: k})
					set(s.Comment, place{kind: k})
				}
			}
		}
		// Fields anywhere in the declaration: struct fields, interface
		// methods, parameters, including those of nested types.
		ast.Inspect(d, func(n ast.Node) bool {
			if fl, ok := n.(*ast.Field); ok {
				set(fl.Doc, place{kind: field})
				set(fl.Comment, place{kind: field})
			}
			return true
		})
	}
	return m
}

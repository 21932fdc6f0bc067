package scan

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/diag"
)

// Tool is the directive namespace: //robusta:<name>.
const Tool = "robusta"

// Action is a //robusta:action directive on a top-level function.
type Action struct {
	Decl *ast.FuncDecl
	// Pos is the position of the directive's "//".
	Pos token.Pos
	// Name is the name= argument; "" when there is none.
	Name    string
	NamePos token.Pos
}

// RBAC is a //robusta:rbac directive.
type RBAC struct {
	// Rule has Pos and the lists set; Pkg and Action are the caller's.
	Rule model.RBACRule
	// Decl is the action the rule is declared on; nil at package level.
	Decl *ast.FuncDecl
}

// Result is what a package's directives declare.
type Result struct {
	Actions []Action
	RBAC    []RBAC
}

// Files scans the files of one package. Every mistake is a diagnostic;
// directives with mistakes are left out of the result.
func Files(fset *token.FileSet, files []*ast.File) (Result, diag.List) {
	s := &scanner{fset: fset, marked: map[*ast.FuncDecl]bool{}}
	for _, f := range files {
		s.file(f)
	}
	s.checkRBACTargets()
	return s.res, s.diags
}

type scanner struct {
	fset  *token.FileSet
	res   Result
	diags diag.List
	// marked are the functions with a //robusta:action in a valid place,
	// whether or not its arguments were.
	marked map[*ast.FuncDecl]bool
}

func (s *scanner) errorf(pos token.Pos, format string, args ...any) {
	s.diags.Errorf(diag.At(s.fset.Position(pos)), format, args...)
}

func (s *scanner) file(f *ast.File) {
	places := placesOf(f)
	for _, cg := range f.Comments {
		pl, ok := places[cg]
		if !ok {
			pl = place{kind: floating}
			if enclosed(f, cg) {
				pl.kind = inside
			}
		}
		for _, c := range cg.List {
			s.comment(c, pl)
		}
	}
}

func (s *scanner) comment(c *ast.Comment, pl place) {
	if spaced(c.Text) {
		// gofmt turns a doc comment line that is not a valid directive
		// (//robusta:Action) into prose (// robusta:Action): say so rather
		// than let it pass as documentation.
		head, _, _ := strings.Cut(c.Text[2:], " //")
		s.errorf(c.Slash, "%q is a comment, not a directive: write //%s:<name> with no space after //", "//"+head, Tool)
		return
	}
	if !strings.HasPrefix(c.Text, "//"+Tool+":") {
		return
	}
	// A directive may end with a comment, as //nolint:x // reason does.
	text, _, _ := strings.Cut(c.Text, " //")
	d, ok := ast.ParseDirective(c.Slash, text)
	if !ok || d.Tool != Tool {
		name, _, _ := strings.Cut(strings.TrimPrefix(text, "//"+Tool+":"), " ")
		s.errorf(c.Slash, "malformed directive %q: want //%s:<name> [args] with a lower-case name%s",
			text, Tool, suggestDirective(strings.TrimSpace(name)))
		return
	}
	var handle func(ast.Directive, []ast.DirectiveArg, place)
	switch d.Name {
	case "action":
		handle = s.action
	case "rbac":
		handle = s.rbac
	default:
		s.errorf(d.Slash, "unknown directive //%s:%s%s", Tool, d.Name, suggestDirective(d.Name))
		return
	}
	args, err := d.ParseArgs()
	if err != nil {
		s.errorf(d.ArgsPos, "%v", err)
		return
	}
	handle(d, args, pl)
}

// enclosed reports whether cg lies inside a declaration (a function body,
// a struct type) without being one of the doc comments placesOf found.
func enclosed(f *ast.File, cg *ast.CommentGroup) bool {
	for _, d := range f.Decls {
		if d.Pos() <= cg.Pos() && cg.End() <= d.End() {
			return true
		}
	}
	return false
}

// spaced reports whether text reads "// robusta:<letter>...": a directive
// with a space after the slashes.
func spaced(text string) bool {
	rest, ok := strings.CutPrefix(text, "// "+Tool+":")
	return ok && rest != "" && ('a' <= rest[0] && rest[0] <= 'z' || 'A' <= rest[0] && rest[0] <= 'Z')
}

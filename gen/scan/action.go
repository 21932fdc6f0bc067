package scan

import (
	"go/ast"
	"regexp"
	"strings"
)

// snakeCase is what an action name looks like: lower-case words of letters
// and digits joined by single underscores.
var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// IsSnakeCase reports whether s can name an action.
func IsSnakeCase(s string) bool { return snakeCase.MatchString(s) }

func (s *scanner) action(d ast.Directive, args []ast.DirectiveArg, pl place) {
	if pl.kind != function {
		hint := ": actions are top-level functions"
		switch pl.kind {
		case floating:
			hint = ": put it in the doc comment right above the function, with no blank line"
		case genericFunc:
			hint = ": actions cannot have type parameters"
		}
		s.errorf(d.Slash, "//%s:action %s%s", Tool, pl.describe(), hint)
		return
	}
	if s.marked[pl.fn] {
		s.errorf(d.Slash, "//%s:action given twice on %s", Tool, pl.fn.Name.Name)
		return
	}
	s.marked[pl.fn] = true
	a := Action{Decl: pl.fn, Pos: d.Slash}
	ok := true
	for _, arg := range args {
		key, val, found := strings.Cut(arg.Arg, "=")
		switch {
		case !found:
			s.errorf(arg.Pos, "//%s:action: argument %q is not key=value (want name=<snake_case_name>)", Tool, arg.Arg)
			ok = false
		case key != "name":
			s.errorf(arg.Pos, "//%s:action: unknown argument %q%s", Tool, key, suggestKey(key, []string{"name"}, ""))
			ok = false
		case a.NamePos.IsValid():
			s.errorf(arg.Pos, "//%s:action: name= given twice", Tool)
			ok = false
		case !IsSnakeCase(val):
			s.errorf(arg.Pos, "//%s:action: name=%q is not snake_case (want e.g. %q)", Tool, val, SnakeCase(val))
			ok = false
		default:
			a.Name, a.NamePos = val, arg.Pos
		}
	}
	if ok {
		s.res.Actions = append(s.res.Actions, a)
	}
}

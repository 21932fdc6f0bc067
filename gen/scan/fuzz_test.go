package scan

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// FuzzDirectives puts an arbitrary comment line above a function, a type
// and at file level, and scans the file. The scanner never panics; every
// problem has a position inside the file and a message; an action it
// accepts sits on the function, with a snake_case name.
func FuzzDirectives(f *testing.F) {
	for _, seed := range []string{
		"robusta:action",
		"robusta:action name=pod_bash_enricher",
		"robusta:action name=Bad-Name",
		"robusta:action name=",
		"robusta:action name=a name=b",
		"robusta:actoin",
		"robusta:rbac groups=core,resources=pods;pods/log,verbs=get;list",
		"robusta:rbac groups=apps resources=deployments verbs=patch",
		"robusta:rbac groups=,resources=,verbs=",
		"robusta:rbac verbs=frob",
		"robusta:rbac resourceNames=x,groups=\"\",resources=pods,verbs=get",
		"robusta:",
		"robusta: action",
		"robusta:action\u00a0name=x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n\r") {
			line = strings.NewReplacer("\n", " ", "\r", " ").Replace(line)
		}
		src := "package p\n\n//" + line + "\n\n// T is a type.\n//\n//" + line + "\ntype T int\n\n// F is a function.\n//\n//" + line + "\nfunc F() {}\n"
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
		if err != nil {
			return // not a Go file: the parser's to report
		}
		res, diags := Files(fset, []*ast.File{file})
		lines := fset.File(file.Pos()).LineCount()
		for _, d := range diags {
			if d.Msg == "" || d.Pos.File != "x.go" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Fatalf("a problem without a message or a position in the file: %#v", d)
			}
		}
		for _, a := range res.Actions {
			if a.Decl == nil || a.Decl.Name.Name != "F" {
				t.Fatalf("an action on something other than F: %#v", a)
			}
			if a.Name != "" && !IsSnakeCase(a.Name) {
				t.Fatalf("accepted the action name %q", a.Name)
			}
		}
	})
}

package schema_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/gen/schema"
	"github.com/robusta-go/robusta/gen/schema/schematest"
	"github.com/robusta-go/robusta/internal/diag"
)

// TestErrors checks the errors of package bad of the fixture against the
// `// want` comments beside each mistake, in the style of analysistest:
// every want must match an error on its line, and every error must be
// wanted. All errors come back from one call.
func TestErrors(t *testing.T) {
	b := fixture(t)
	a := schematest.Action(t, b, "broken")
	_, err := schema.ForAction(b, a)
	if err == nil {
		t.Fatal("no error for package bad")
	}
	var got []*diag.Error
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var se *diag.Error
		if !errors.As(e, &se) {
			t.Fatalf("error without a position: %v", e)
		}
		got = append(got, se)
	}
	if !slices.IsSortedFunc(got, func(x, y *diag.Error) int { return x.Pos.Line - y.Pos.Line }) {
		t.Errorf("errors are not in source order:\n%v", err)
	}
	wants := wantComments(t, a.Pkg.Syntax, a.Pkg.Fset.Position)
	for _, e := range got {
		if !strings.HasPrefix(e.Error(), e.Pos.String()+": ") {
			t.Errorf("error does not start with file:line:col: %q", e)
		}
		key := fmt.Sprintf("%s:%d", e.Pos.File, e.Pos.Line)
		i := slices.IndexFunc(wants[key], func(re *regexp.Regexp) bool { return re.MatchString(e.Msg) })
		if i < 0 {
			t.Errorf("unexpected error: %v", e)
			continue
		}
		wants[key] = slices.Delete(wants[key], i, i+1)
	}
	for key, res := range wants {
		for _, re := range res {
			t.Errorf("%s: no error matching %q", key, re)
		}
	}
	// Other actions of the same bundle are not affected.
	if _, err := schema.ForAction(b, schematest.Action(t, b, "echo")); err != nil {
		t.Errorf("echo: %v", err)
	}
}

// wantComments reads `// want "re" ...` comments, keyed by file:line.
func wantComments(t *testing.T, files []*ast.File, pos func(token.Pos) token.Position) map[string][]*regexp.Regexp {
	t.Helper()
	out := map[string][]*regexp.Regexp{}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				text, ok := strings.CutPrefix(c.Text, "// want ")
				if !ok {
					continue
				}
				p := pos(c.Pos())
				key := fmt.Sprintf("%s:%d", p.Filename, p.Line)
				for text = strings.TrimSpace(text); text != ""; text = strings.TrimSpace(text) {
					q, err := strconv.QuotedPrefix(text)
					if err != nil {
						t.Fatalf("%s: bad want comment: %v", key, err)
					}
					text = text[len(q):]
					s, _ := strconv.Unquote(q)
					out[key] = append(out[key], regexp.MustCompile(s))
				}
			}
		}
	}
	return out
}

package load

import (
	"go/token"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePos(t *testing.T) {
	for in, want := range map[string]token.Position{
		"":                   {},
		"-":                  {},
		"a/b.go:3:14":        {Filename: "a/b.go", Line: 3, Column: 14},
		"a/b.go:3":           {Filename: "a/b.go", Line: 3},
		`C:\x\b.go:3:4`:      {Filename: `C:\x\b.go`, Line: 3, Column: 4},
		"/abs/with:colon.go": {Filename: "/abs/with:colon.go"},
	} {
		if diff := cmp.Diff(want, parsePos(in)); diff != "" {
			t.Errorf("parsePos(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestCompilerOutput(t *testing.T) {
	got := compilerOutput("# example.com/p\np/x.go:3:14: syntax error: unexpected {\nnote without position", "/repo")
	want := []string{"/repo/p/x.go:3:14: syntax error: unexpected {", "note without position"}
	var msgs []string
	for _, d := range got {
		msgs = append(msgs, d.String())
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("compilerOutput (-want +got):\n%s", diff)
	}
}

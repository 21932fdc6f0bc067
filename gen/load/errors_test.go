package load

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompilerOutput(t *testing.T) {
	got := compilerOutput("# example.com/p\np/x.go:3:14: syntax error: unexpected {\nnote without position", "/repo")
	want := []string{"/repo/p/x.go:3:14: syntax error: unexpected {", "note without position"}
	var msgs []string
	for _, d := range got {
		msgs = append(msgs, d.Error())
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("compilerOutput (-want +got):\n%s", diff)
	}
}

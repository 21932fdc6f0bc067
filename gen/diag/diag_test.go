package diag

import (
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSortAndPrint(t *testing.T) {
	dir := t.TempDir()
	var l List
	l.Add(token.Position{Filename: filepath.Join(dir, "b.go"), Line: 2, Column: 1}, "second")
	l.Add(token.Position{Filename: filepath.Join(dir, "a.go"), Line: 10, Column: 3}, "first %d", 1)
	l.Add(token.Position{Filename: filepath.Join(dir, "a.go"), Line: 10, Column: 3}, "first 1") // repeated
	l.Add(token.Position{Filename: "/elsewhere/c.go", Line: 1, Column: 1}, "outside")
	l.Add(token.Position{}, "no position")
	l.Sort()
	var b strings.Builder
	if err := l.Print(&b, dir); err != nil {
		t.Fatal(err)
	}
	want := "no position\n/elsewhere/c.go:1:1: outside\na.go:10:3: first 1\nb.go:2:1: second\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Print (-want +got):\n%s", diff)
	}
	if l.Err() == nil || List(nil).Err() != nil {
		t.Error("Err: a non-empty list is an error, an empty one is not")
	}
}

func TestParsePosition(t *testing.T) {
	for in, want := range map[string]token.Position{
		"":                   {},
		"-":                  {},
		"a/b.go:3:14":        {Filename: "a/b.go", Line: 3, Column: 14},
		"a/b.go:3":           {Filename: "a/b.go", Line: 3},
		`C:\x\b.go:3:4`:      {Filename: `C:\x\b.go`, Line: 3, Column: 4},
		"/abs/with:colon.go": {Filename: "/abs/with:colon.go"},
	} {
		if diff := cmp.Diff(want, ParsePosition(in)); diff != "" {
			t.Errorf("ParsePosition(%q) (-want +got):\n%s", in, diff)
		}
	}
}

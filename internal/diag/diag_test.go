package diag

import (
	"errors"
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSortAndPrint(t *testing.T) {
	dir := t.TempDir()
	var l List
	l.Add(Position{File: filepath.Join(dir, "b.go"), Line: 2, Col: 1}, "second")
	l.Errorf(Position{File: filepath.Join(dir, "a.go"), Line: 10, Col: 3}, "first %d", 1)
	l.Add(Position{File: filepath.Join(dir, "a.go"), Line: 10, Col: 3}, "first 1") // repeated
	l.Add(Position{File: filepath.Join(dir, "a.go"), Line: 2, Col: 7}, "earlier line")
	l.Add(Position{File: "/elsewhere/c.go", Line: 1, Col: 1}, "outside")
	l.Add(Position{}, "no position")
	l.Sort()
	var b strings.Builder
	if err := l.Print(&b, dir); err != nil {
		t.Fatal(err)
	}
	want := "no position\n/elsewhere/c.go:1:1: outside\na.go:2:7: earlier line\na.go:10:3: first 1\nb.go:2:1: second\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Print (-want +got):\n%s", diff)
	}
	// Error keeps the file names as they are.
	wantErr := strings.ReplaceAll(strings.TrimSuffix(want, "\n"), "\na.go", "\n"+filepath.Join(dir, "a.go"))
	wantErr = strings.ReplaceAll(wantErr, "\nb.go", "\n"+filepath.Join(dir, "b.go"))
	if diff := cmp.Diff(wantErr, l.Error()); diff != "" {
		t.Errorf("Error (-want +got):\n%s", diff)
	}
}

func TestErr(t *testing.T) {
	if err := List(nil).Err(); err != nil {
		t.Errorf("empty list: Err = %v, want nil", err)
	}
	var l List
	l.Add(Position{File: "v.yaml", Line: 3, Col: 5}, "bad")
	err := fmt.Errorf("loading: %w", l.Err())
	e, ok := errors.AsType[*Error](err)
	if !ok || e.Pos != (Position{File: "v.yaml", Line: 3, Col: 5}) || e.Msg != "bad" {
		t.Errorf("errors.As through a wrapped List = %v, %v; want the *Error", e, ok)
	}
	if got, ok := errors.AsType[List](err); !ok || len(got) != 1 {
		t.Errorf("errors.As(List) = %v, %v", got, ok)
	}
}

func TestPositionString(t *testing.T) {
	for p, want := range map[Position]string{
		{}:                              "",
		{File: "a.go"}:                  "a.go",
		{File: "a.go", Line: 3}:         "a.go:3",
		{File: "a.go", Line: 3, Col: 4}: "a.go:3:4",
		{Line: 3, Col: 4}:               "3:4",
		{File: "a.go", Col: 4}:          "a.go", // a column without a line means nothing
	} {
		if got := p.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", p, got, want)
		}
	}
	if got := (&Error{Msg: "internal"}).Error(); got != "internal" {
		t.Errorf("Error without a position = %q, want the bare message", got)
	}
}

func TestCollect(t *testing.T) {
	at := Position{File: "x.go", Line: 9, Col: 1}
	var inner List
	inner.Add(Position{File: "x.go", Line: 2, Col: 2}, "inner")
	var l List
	l.Collect(at, nil)
	l.Collect(at, errors.Join(inner, errors.New("plain"), nil))
	l.Collect(at, fmt.Errorf("wrapped: %w", &Error{Pos: Position{File: "y.go", Line: 1}, Msg: "deep"}))
	l.Collect(at, &Error{Msg: "nowhere"})
	l.Sort()
	want := "x.go:2:2: inner\nx.go:9:1: nowhere\nx.go:9:1: plain\ny.go:1: deep"
	if diff := cmp.Diff(want, l.Error()); diff != "" {
		t.Errorf("Collect (-want +got):\n%s", diff)
	}
}

func TestAt(t *testing.T) {
	got := At(token.Position{Filename: "a.go", Offset: 40, Line: 3, Column: 14})
	if want := (Position{File: "a.go", Line: 3, Col: 14}); got != want {
		t.Errorf("At = %#v, want %#v", got, want)
	}
}

func TestParsePosition(t *testing.T) {
	for in, want := range map[string]Position{
		"":                   {},
		"-":                  {},
		"a/b.go:3:14":        {File: "a/b.go", Line: 3, Col: 14},
		"a/b.go:3":           {File: "a/b.go", Line: 3},
		`C:\x\b.go:3:4`:      {File: `C:\x\b.go`, Line: 3, Col: 4},
		"/abs/with:colon.go": {File: "/abs/with:colon.go"},
	} {
		if diff := cmp.Diff(want, ParsePosition(in)); diff != "" {
			t.Errorf("ParsePosition(%q) (-want +got):\n%s", in, diff)
		}
	}
}

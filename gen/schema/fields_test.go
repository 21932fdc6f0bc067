package schema

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONFields checks encoding/json's field rules on types checked from
// source in memory (no loader needed).
func TestJSONFields(t *testing.T) {
	const src = `package p
type A struct {
	X string ` + "`json:\"x\"`" + `
	Y string
}
type B struct{ X string ` + "`json:\"x\"`" + ` }
type C struct{ Z string }
type c struct{ Hidden string; Shown string }
type A1 struct{ C }
type A2 struct{ C }

type Ambiguous struct{ A; B }
type Shadow struct {
	A
	X int ` + "`json:\"x\"`" + `
}
type TaggedEmbed struct{ C ` + "`json:\"c\"`" + ` }
type PointerEmbed struct{ *C }
type Twice struct{ A1; A2 }
type Unexported struct{ c }
type Options struct {
	u int
	V int ` + "`json:\"-\"`" + `
	W int ` + "`json:\",omitempty\"`" + `
	K int ` + "`json:\"k,omitzero\"`" + `
	S int ` + "`json:\",string\"`" + `
	Dash int ` + "`json:\"-,\"`" + `
	Bad int ` + "`json:\"a\\\"b\"`" + `
	NoSchema int ` + "`jsonschema:\"-\"`" + `
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Name               string
		Omit, Quoted, Tags bool
	}
	for _, tc := range []struct {
		typ  string
		want []got
	}{
		{"Ambiguous", []got{{Name: "Y"}}},
		{"Shadow", []got{{Name: "Y"}, {Name: "x", Tags: true}}},
		{"TaggedEmbed", []got{{Name: "c", Tags: true}}},
		{"PointerEmbed", []got{{Name: "Z"}}},
		{"Twice", nil},
		{"Unexported", []got{{Name: "Hidden"}, {Name: "Shown"}}},
		{"Options", []got{
			{Name: "W", Omit: true},
			{Name: "k", Omit: true, Tags: true},
			{Name: "S", Quoted: true},
			{Name: "-", Tags: true},
			{Name: "Bad"},
		}},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			st := pkg.Scope().Lookup(tc.typ).Type().Underlying().(*types.Struct)
			var fields []got
			for _, f := range jsonFields(st) {
				fields = append(fields, got{Name: f.name, Omit: f.omit, Quoted: f.quoted, Tags: f.tagged})
			}
			if diff := cmp.Diff(tc.want, fields); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func TestSplitUnescaped(t *testing.T) {
	for in, want := range map[string][]string{
		"":                        {""},
		"a,b":                     {"a", "b"},
		`pattern=^a\,b$,required`: {"pattern=^a,b$", "required"},
		`a\b`:                     {`a\b`},
	} {
		if diff := cmp.Diff(want, splitUnescaped(in)); diff != "" {
			t.Errorf("%q: -want +got:\n%s", in, diff)
		}
	}
}

package emit_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/robusta-go/robusta/gen/emit"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema/schematest"
	"github.com/robusta-go/robusta/internal/modpath"
)

// TestRegistryRoundTrip: what Registry writes, ParseRegistry reads back:
// the package path and every action's name, in order, each positioned at
// its Name field. A change to the format that the reader does not follow
// fails here rather than in a build that no longer sees stale registries.
func TestRegistryRoundTrip(t *testing.T) {
	b := schematest.Load(t, "./good", "./other")
	byPkg := map[string][]*model.Action{}
	for _, a := range b.Actions {
		byPkg[a.Pkg.PkgPath] = append(byPkg[a.Pkg.PkgPath], a)
	}
	if len(byPkg) == 0 || len(b.Actions) < 3 {
		t.Fatalf("fixture has %d actions, want several", len(b.Actions))
	}
	for path, actions := range byPkg {
		pkg := actions[0].Pkg.Types
		schema := func(a *model.Action) string { return `{"type": "object"}` }
		data, err := emit.Registry(pkg, modpath.API, actions, schema, nil)
		if err != nil {
			t.Fatalf("%s: Registry: %v", path, err)
		}
		got, err := emit.ParseRegistry(emit.FileName, data)
		if err != nil {
			t.Fatalf("%s: ParseRegistry: %v", path, err)
		}
		want := &emit.Listing{File: emit.FileName, Path: path}
		for _, a := range actions {
			want.Actions = append(want.Actions, emit.Listed{Name: a.Name})
		}
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(emit.Listed{}, "Pos")); diff != "" {
			t.Errorf("%s: round trip (-written +read):\n%s", path, diff)
		}
		lines := strings.Split(string(data), "\n")
		for _, l := range got.Actions {
			if l.Pos.File != emit.FileName || l.Pos.Line < 1 || l.Pos.Line > len(lines) {
				t.Errorf("%s: action %s at %v, outside the file", path, l.Name, l.Pos)
				continue
			}
			line := lines[l.Pos.Line-1]
			if at := fmt.Sprintf("%q", l.Name); l.Pos.Col < 1 || !strings.HasPrefix(line[l.Pos.Col-1:], at) {
				t.Errorf("%s: action %s at %v, which is %q, not its Name", path, l.Name, l.Pos, line)
			}
		}
	}
}

// TestParseRegistryRefuses: a file that is not what Registry writes is an
// error naming what is wrong, never a silently empty listing.
func TestParseRegistryRefuses(t *testing.T) {
	for name, tc := range map[string]struct {
		src       string
		want      string
		malformed bool
	}{
		"no Actions var": {src: "package p\n\nvar Other = 1\n", want: "declares no var Actions", malformed: true},
		"Actions not a list": {
			src:  "package p\n\nvar Actions = registry.Package{Path: \"p\", Actions: list}\n",
			want: "Actions is not a literal list", malformed: true,
		},
		"computed name": {
			src:  "package p\n\nvar Actions = registry.Package{Path: \"p\", Actions: []registry.Action{{Name: name}}}\n",
			want: "an action has no literal Name", malformed: true,
		},
		"Path not a literal": {
			src:  "package p\n\nvar Actions = registry.Package{Path: path, Actions: []registry.Action{}}\n",
			want: "Path is not a string literal", malformed: true,
		},
		"not Go": {src: "package p\n\nvar Actions = {\n", want: "parsing registry: zz.go:3:15"},
	} {
		_, err := emit.ParseRegistry("zz.go", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one containing %q", name, err, tc.want)
		}
		if got := errors.Is(err, emit.ErrNotRegistry); got != tc.malformed {
			t.Errorf("%s: errors.Is(err, ErrNotRegistry) = %v, want %v", name, got, tc.malformed)
		}
	}
}

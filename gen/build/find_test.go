package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/internal/diag"
)

// TestStaleRegistries lists testdata/stale, whose registries are out of
// date in each way a build must refuse: an action added since the last go
// generate, a directive removed, a package never generated. Every problem
// comes back at once, at the directive (or the registry entry) it is
// about; the fresh package, with a name= override, and the package without
// actions raise nothing.
func TestStaleRegistries(t *testing.T) {
	p, err := Options{Dir: "testdata/stale", NoBuiltins: true, Binary: "unused"}.plan()
	if err != nil {
		t.Fatal(err)
	}
	_, err = find(context.Background(), p)
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("find: err = %v, want a diag.List", err)
	}
	dir, _ := filepath.Abs("testdata/stale")
	var got []string
	for _, d := range l {
		d.Pos.File, _ = filepath.Rel(dir, d.Pos.File)
		got = append(got, d.Error())
	}
	want := []string{
		"extra/zz_generated.robusta.go:18:10: zz_generated.robusta.go lists action gone, which no //robusta:action in package example.com/stale/extra declares: run go generate",
		"missing/missing.go:13:1: action added (Added) is missing from zz_generated.robusta.go: run go generate",
		"nogen/nogen.go:8:1: action never (Never) is in no registry: package example.com/stale/nogen has no zz_generated.robusta.go: run go generate",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestFindFresh lists only the fresh package: its two actions, one named
// by name=, are found in its registry, with their source positions.
func TestFindFresh(t *testing.T) {
	p, err := Options{Dir: "testdata/stale", Patterns: []string{"./fresh", "./plain"}, NoBuiltins: true, Binary: "unused"}.plan()
	if err != nil {
		t.Fatal(err)
	}
	f, err := find(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Playbooks) != 1 || f.Playbooks[0].Path != "example.com/stale/fresh" {
		t.Fatalf("playbooks = %+v, want example.com/stale/fresh alone", f.Playbooks)
	}
	var names []string
	for _, a := range f.Playbooks[0].Registry.Actions {
		names = append(names, a.Name)
		if filepath.Base(a.Source.File) != "fresh.go" {
			t.Errorf("action %s: source %v, want a position in fresh.go", a.Name, a.Source)
		}
	}
	if diff := cmp.Diff([]string{"pod_check", "custom_name"}, names); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	if f.Runtime == nil || !f.Runtime.Main && f.Runtime.Replace == nil {
		t.Errorf("runtime module = %+v, want the replaced checkout", f.Runtime)
	}
	if len(f.Main) != 1 || f.Main[0].Path != "example.com/stale" {
		t.Errorf("main modules = %+v, want example.com/stale", f.Main)
	}
}

// TestNoPlaybooks: with no built-ins and patterns that match no playbook
// package, there is nothing to build, and the error says why.
func TestNoPlaybooks(t *testing.T) {
	p, err := Options{Dir: "testdata/stale", Patterns: []string{"./plain"}, NoBuiltins: true, Binary: "unused"}.plan()
	if err != nil {
		t.Fatal(err)
	}
	_, err = find(context.Background(), p)
	if err == nil || !strings.Contains(err.Error(), "no playbook packages") {
		t.Errorf("err = %v, want no playbook packages", err)
	}
}

// TestNoRuntime: a repo that does not require robusta-go is told to.
func TestNoRuntime(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/lonely\n\ngo 1.26.8\n")
	writeFile(t, filepath.Join(dir, "x.go"), "package lonely\n")
	for _, noBuiltins := range []bool{false, true} {
		p, err := Options{Dir: dir, NoBuiltins: noBuiltins, Binary: "unused", Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")}.plan()
		if err != nil {
			t.Fatal(err)
		}
		_, err = find(context.Background(), p)
		if err == nil || !strings.Contains(err.Error(), "the playbook repo must require github.com/robusta-go/robusta") {
			t.Errorf("no-builtins=%v: err = %v", noBuiltins, err)
		}
	}
}

// TestReplaceBuiltins: a repo's action named like a built-in one replaces
// it (the built-in registry loses it, main.go leaves it out, a note names
// both); two repo packages sharing a name still clash.
func TestReplaceBuiltins(t *testing.T) {
	at := func(file string) diag.Position { return diag.Position{File: file, Line: 3, Col: 1} }
	pbs := []playbook{
		{Path: builtinPkg, Registry: &registry{Actions: []registryAction{{Name: "logs_enricher"}, {Name: "pod_bash_enricher"}}}},
		{Path: "example.com/a", Registry: &registry{Actions: []registryAction{{Name: "pod_bash_enricher", Source: at("a.go")}, {Name: "mine", Source: at("a.go")}}}},
		{Path: "example.com/b", Registry: &registry{Actions: []registryAction{{Name: "mine", Source: at("b.go")}}}},
	}
	notes := replaceBuiltins(pbs)
	wantNotes := []string{"note: action pod_bash_enricher of example.com/a (a.go:3:1) replaces the built-in one"}
	if diff := cmp.Diff(wantNotes, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"pod_bash_enricher"}, pbs[0].Without); diff != "" {
		t.Errorf("Without (-want +got):\n%s", diff)
	}
	if got := pbs[0].Registry.Actions; len(got) != 1 || got[0].Name != "logs_enricher" {
		t.Errorf("built-in registry keeps %v, want logs_enricher only", got)
	}
	diags := clashes(pbs)
	if len(diags) != 1 || !strings.Contains(diags[0].Msg, "action mine is declared by both example.com/b and example.com/a (a.go:3:1)") {
		t.Errorf("clashes = %v, want mine's only", diags)
	}
}

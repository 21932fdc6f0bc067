package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/mod/modfile"
)

// TestGoVersionMatchesGoMod keeps goVersion equal to this module's go
// directive: a build module asks for at least the Go the runtime needs.
func TestGoVersionMatchesGoMod(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if mf.Go.Version != goVersion {
		t.Errorf("goVersion = %s, go.mod says go %s", goVersion, mf.Go.Version)
	}
}

// TestMainReplaces reads a playbook repo's replace lines with directory
// paths made absolute against the go.mod's directory, module
// replacements and versioned left sides kept as they are.
func TestMainReplaces(t *testing.T) {
	dir := t.TempDir()
	gomod := filepath.Join(dir, "go.mod")
	writeFile(t, gomod, `module example.com/pb

go 1.26.8

replace (
	example.com/lib => ../lib
	example.com/sub => ./internal/sub
	example.com/abs => /opt/abs
	example.com/fork => example.com/myfork v1.2.3
	example.com/old v1.0.0 => ../old
	example.com/spaced => "../with space"
)
`)
	lines, err := mainReplaces(gomod)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.String())
	}
	parent := filepath.Dir(dir)
	want := []string{
		"example.com/lib => " + filepath.Join(parent, "lib"),
		"example.com/sub => " + filepath.Join(dir, "internal", "sub"),
		"example.com/abs => /opt/abs",
		"example.com/fork => example.com/myfork v1.2.3",
		"example.com/old v1.0.0 => " + filepath.Join(parent, "old"),
		`example.com/spaced => "` + filepath.Join(parent, "with space") + `"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("replace lines (-want +got):\n%s", diff)
	}
}

// TestPlanModule: which runtime the build module requires, and which
// replace lines it gets, for each way a generator and a playbook repo can
// meet.
func TestPlanModule(t *testing.T) {
	repo := t.TempDir()
	writeFile(t, filepath.Join(repo, "go.mod"), `module example.com/pb

go 1.26.8

require github.com/robusta-go/robusta v0.0.0

replace (
	github.com/robusta-go/robusta => ../robusta
	example.com/lib => ../lib
)
`)
	checkout := filepath.Join(filepath.Dir(repo), "robusta")
	lib := filepath.Join(filepath.Dir(repo), "lib")
	pbMain := &goModule{Path: "example.com/pb", Main: true, Dir: repo, GoMod: filepath.Join(repo, "go.mod"), GoVersion: "1.26.8"}
	replacedRuntime := &goModule{Path: RuntimeModule, Version: "v0.0.0", Dir: checkout,
		Replace: &goModule{Path: checkout, Dir: checkout}}
	cachedRuntime := &goModule{Path: RuntimeModule, Version: "v1.1.0", Dir: "/modcache/robusta@v1.1.0"}
	runtimeMain := &goModule{Path: RuntimeModule, Main: true, Dir: "/src/robusta", GoVersion: "1.26.8"}
	v2Main := &goModule{Path: "example.com/pb/v2", Main: true, Dir: "/src/pb2", GoVersion: "1.27.1"}
	dep := &goModule{Path: "example.com/other", Version: "v0.3.0", GoVersion: "1.25"}

	for _, tc := range []struct {
		name      string
		gen       Generator
		found     found
		requires  []modRequire
		replaces  []string
		goVersion string
	}{{
		name:     "local generator, checkout replaced in",
		gen:      Generator{Version: "(devel)", Local: true},
		found:    found{Playbooks: []playbook{{Path: "example.com/pb", Module: pbMain}}, Runtime: replacedRuntime, Main: []*goModule{pbMain}},
		requires: []modRequire{{"example.com/pb", "v0.0.0"}, {RuntimeModule, "v0.0.0"}},
		// The repo's own replace of the runtime gives way to ours (the
		// same directory); its other lines are copied, made absolute.
		replaces:  []string{"example.com/lib => " + lib, "example.com/pb => " + repo, RuntimeModule + " => " + checkout},
		goVersion: "1.26.8",
	}, {
		name:      "released generator, runtime from the module cache",
		gen:       Generator{Version: "v1.2.0"},
		found:     found{Playbooks: []playbook{{Path: "example.com/other/pb", Module: dep}}, Runtime: cachedRuntime},
		requires:  []modRequire{{"example.com/other", "v0.3.0"}, {RuntimeModule, "v1.2.0"}},
		goVersion: "1.26.8",
	}, {
		name:      "local generator, runtime from the module cache",
		gen:       Generator{Version: "(devel)", Local: true},
		found:     found{Playbooks: []playbook{{Path: "example.com/other/pb", Module: dep}}, Runtime: cachedRuntime},
		requires:  []modRequire{{"example.com/other", "v0.3.0"}, {RuntimeModule, "v1.1.0"}},
		goVersion: "1.26.8",
	}, {
		name:      "the runtime's own repo",
		gen:       Generator{Version: "v1.2.0"},
		found:     found{Playbooks: []playbook{{Path: builtinPkg, Module: runtimeMain}}, Runtime: runtimeMain},
		requires:  []modRequire{{RuntimeModule, "v1.2.0"}},
		replaces:  []string{RuntimeModule + " => /src/robusta"},
		goVersion: "1.26.8",
	}, {
		name:      "major version module with a newer go",
		gen:       Generator{Version: "(devel)", Local: true},
		found:     found{Playbooks: []playbook{{Path: "example.com/pb/v2/x", Module: v2Main}}, Runtime: cachedRuntime},
		requires:  []modRequire{{"example.com/pb/v2", "v2.0.0"}, {RuntimeModule, "v1.1.0"}},
		replaces:  []string{"example.com/pb/v2 => /src/pb2"},
		goVersion: "1.27.1",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := planModule(&tc.found, tc.gen)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.requires, got.Data.Requires); diff != "" {
				t.Errorf("requires (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.replaces, got.Data.Replaces); diff != "" {
				t.Errorf("replaces (-want +got):\n%s", diff)
			}
			if got.Data.Go != tc.goVersion {
				t.Errorf("go %s, want %s", got.Data.Go, tc.goVersion)
			}
			if len(got.LocalDirs) != len(tc.replaces) {
				t.Errorf("local dirs %v, want one per directory replace %v", got.LocalDirs, tc.replaces)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

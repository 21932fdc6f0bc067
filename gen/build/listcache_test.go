package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen/cache"
)

// TestGoListCache: a second go list of the same repo runs no go command
// and gives the same answer; a build constraint added to a file, a new
// package under ./... and an edited go.mod each run it again.
func TestGoListCache(t *testing.T) {
	t.Setenv(cache.EnvVar, t.TempDir())
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	old := time.Now().Add(-time.Hour)
	err = filepath.WalkDir("testdata/stale", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("testdata/stale", path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = []byte(strings.ReplaceAll(string(data), "=> ../../../..", "=> "+root))
		}
		write(t, filepath.Join(repo, rel), string(data), old)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	env := os.Environ()
	patterns := []string{"./...", builtinPkg}
	list := func(what string, wantRun bool) []*listed {
		t.Helper()
		before := goListRuns.Load()
		pkgs, err := goList(t.Context(), repo, env, patterns)
		if err != nil {
			t.Fatal(err)
		}
		if ran := goListRuns.Load() != before; ran != wantRun {
			t.Fatalf("%s: go list ran %v, want %v", what, ran, wantRun)
		}
		return pkgs
	}
	first := list("the first list", true)
	if diff := cmp.Diff(first, list("nothing changed", false)); diff != "" {
		t.Errorf("the cached answer differs (-run +cached):\n%s", diff)
	}
	files := func(pkgs []*listed, path string) []string {
		for _, p := range pkgs {
			if p.ImportPath == path {
				return p.GoFiles
			}
		}
		return nil
	}

	write(t, filepath.Join(repo, "plain", "other.go"), "//go:build ignore\n\npackage plain\n", old)
	list("an ignored file added", true)
	write(t, filepath.Join(repo, "plain", "other.go"), "package plain\n", old)
	if got := files(list("its build constraint removed", true), "example.com/stale/plain"); len(got) != 2 {
		t.Errorf("plain's files = %v, want other.go among them", got)
	}
	list("nothing changed again", false)

	write(t, filepath.Join(repo, "newpkg", "new.go"), "package newpkg\n", old)
	pkgs := list("a new package", true)
	if !slices.ContainsFunc(pkgs, func(p *listed) bool { return p.ImportPath == "example.com/stale/newpkg" }) {
		t.Error("the new package is not listed")
	}
	data, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(repo, "go.mod"), string(data)+"\n// edited\n", old)
	list("go.mod edited", true)
	list("nothing changed at last", false)
}

func write(t *testing.T, path, data string, mtime time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

package gen

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenDir holds, per testdata repo, every file a run renders, at its path
// relative to the repo plus ".golden" (so that no tool takes the Go files
// for sources).
const goldenDir = "testdata/golden"

// TestGoldenGood renders testdata/good in memory and compares every file
// with its golden copy; -update rewrites them. Golden files that the run no
// longer renders fail the test too.
func TestGoldenGood(t *testing.T) {
	repo, err := filepath.Abs("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Analyze(t.Context(), Options{Dir: repo, NoBuiltins: true})
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	out, err := Render(b, filepath.Join(repo, "robusta"))
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	golden := filepath.Join(goldenDir, "good")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
	}
	rendered := map[string]bool{}
	for _, f := range out.Files {
		rel, err := filepath.Rel(repo, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		rel += ".golden"
		rendered[filepath.ToSlash(rel)] = true
		path := filepath.Join(golden, rel)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run go test -update)", rel, err)
			continue
		}
		if diff := cmp.Diff(string(want), string(f.Data)); diff != "" {
			t.Errorf("%s differs from its golden file (-want +got):\n%s", rel, diff)
		}
	}
	err = filepath.WalkDir(golden, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, path)
		if !rendered[filepath.ToSlash(rel)] {
			t.Errorf("golden file %s is no longer rendered (run go test -update)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

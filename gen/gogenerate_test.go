package gen

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestGoGenerate copies testdata/good to a temporary directory and runs the
// real toolchain there, as a playbook author would: go generate (which
// runs robusta-gen through its //go:generate line), go build, go vet, and
// go test of registry_test.go, which exercises the generated adapters.
// A second go generate must change no byte and no modification time, and
// the output must equal the golden files the in-memory render is checked
// against.
func TestGoGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command: slow")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	copyRepo(t, "testdata/good", repo, root)

	goCmd(t, repo, "generate", "./...")
	goCmd(t, repo, "build", "./...")
	goCmd(t, repo, "vet", "./...")
	goCmd(t, repo, "test", "./...")

	first := snapshot(t, repo)
	time.Sleep(10 * time.Millisecond) // a rewrite would show in the mtime
	goCmd(t, repo, "generate", "./...")
	if diff := cmp.Diff(first, snapshot(t, repo)); diff != "" {
		t.Errorf("second go generate changed files (-first +second):\n%s", diff)
	}

	for rel, f := range first {
		if !strings.HasPrefix(rel, "robusta/") && !strings.HasSuffix(rel, "zz_generated.robusta.go") {
			continue
		}
		want, err := os.ReadFile(filepath.Join(goldenDir, "good", rel+".golden"))
		if err != nil {
			t.Errorf("%s: no golden file: %v", rel, err)
			continue
		}
		if diff := cmp.Diff(string(want), f.Data); diff != "" {
			t.Errorf("%s: go generate's output differs from the golden file (-want +got):\n%s", rel, diff)
		}
	}
}

// copyRepo copies src to dst and points the copy's replace directive at the
// absolute path of robusta-go's root.
func copyRepo(t *testing.T, src, dst, root string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = bytes.ReplaceAll(data, []byte("=> ../../.."), []byte("=> "+root))
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

type fileState struct {
	Data  string
	MTime time.Time
}

// snapshot records every file of dir by its slash-separated relative path.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	m := map[string]fileState{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		m[filepath.ToSlash(rel)] = fileState{Data: string(data), MTime: info.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

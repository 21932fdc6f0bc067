package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWriteFilesSkipsUnchanged(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "sub", "a.txt"), filepath.Join(dir, "b.txt")
	written, err := WriteFiles([]File{{a, []byte("A")}, {b, []byte("B")}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{a, b}, written); diff != "" {
		t.Errorf("first WriteFiles (-want +got):\n%s", diff)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(a, old, old); err != nil {
		t.Fatal(err)
	}
	written, err = WriteFiles([]File{{a, []byte("A")}, {b, []byte("B2")}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{b}, written); diff != "" {
		t.Errorf("second WriteFiles (-want +got):\n%s", diff)
	}
	if info, err := os.Stat(a); err != nil || !info.ModTime().Equal(old) {
		t.Errorf("unchanged file was rewritten: %v, %v", info.ModTime(), err)
	}
	if data, _ := os.ReadFile(b); string(data) != "B2" {
		t.Errorf("b.txt = %q", data)
	}
	assertOnly(t, dir, "b.txt", "sub", "sub/a.txt")
}

// TestWriteFuncFailureKeepsOld: a write that fails half way leaves the old
// file whole and no temporary file behind.
func TestWriteFuncFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "image.tar")
	if err := Write(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := WriteFunc(p, func(w io.Writer) error {
		if _, err := w.Write([]byte("half of the new")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WriteFunc = %v, want the writer's error", err)
	}
	if data, _ := os.ReadFile(p); string(data) != "old" {
		t.Errorf("after a failed write the file holds %q, want the old content", data)
	}
	assertOnly(t, dir, "image.tar")
}

func TestWriteMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "deep", "er", "f.go")
	if err := Write(p, []byte("package f\n")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	// The umask may take bits away, never add them.
	if m := info.Mode().Perm(); m&^0o644 != 0 || m&0o600 != 0o600 {
		t.Errorf("mode %v, want 0644 less the umask", m)
	}
}

func TestPruneGlob(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.schema.json")
	stale := filepath.Join(dir, "stale.schema.json")
	for _, f := range []string{keep, stale, filepath.Join(dir, "notes.txt"), filepath.Join(dir, "sub", "deep.schema.json")} {
		writeFile(t, f)
	}
	removed, err := Prune(dir, []string{keep}, Glob("*.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{stale}, removed); diff != "" {
		t.Errorf("Prune (-want +got):\n%s", diff)
	}
	assertOnly(t, dir, "keep.schema.json", "notes.txt", "sub", "sub/deep.schema.json")
	if _, err := Prune(filepath.Join(dir, "missing"), nil, nil); err != nil {
		t.Errorf("Prune of a missing dir: %v", err)
	}
}

// TestPruneTree: every file not kept goes, with the directories that
// leaves empty; a directory that was empty already stays.
func TestPruneTree(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"Chart.yaml", "templates/a.yaml", "templates/old.yaml", "files/old/data.yaml", "files/old/deeper/x", "notes.md"} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f)))
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	keep := []string{filepath.Join(dir, "Chart.yaml"), filepath.Join(dir, "templates", "a.yaml")}
	removed, err := Prune(dir, keep, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(dir, "files/old/data.yaml"), filepath.Join(dir, "files/old/deeper/x"),
		filepath.Join(dir, "notes.md"), filepath.Join(dir, "templates/old.yaml"),
	}
	if diff := cmp.Diff(want, removed); diff != "" {
		t.Errorf("Prune (-want +got):\n%s", diff)
	}
	assertOnly(t, dir, "Chart.yaml", "empty", "templates", "templates/a.yaml")
}

func writeFile(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// assertOnly checks that dir holds exactly the paths want (slash
// separated, relative), so no temporary file is left behind.
func assertOnly(t *testing.T, dir string, want ...string) {
	t.Helper()
	var got []string
	err := filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s holds (-want +got):\n%s", dir, diff)
	}
}

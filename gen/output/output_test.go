package output

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWriteSkipsUnchanged(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "sub", "a.txt"), filepath.Join(dir, "b.txt")
	written, err := Write([]File{{a, []byte("A")}, {b, []byte("B")}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{a, b}, written); diff != "" {
		t.Errorf("first Write (-want +got):\n%s", diff)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(a, old, old); err != nil {
		t.Fatal(err)
	}
	written, err = Write([]File{{a, []byte("A")}, {b, []byte("B2")}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{b}, written); diff != "" {
		t.Errorf("second Write (-want +got):\n%s", diff)
	}
	if info, err := os.Stat(a); err != nil || !info.ModTime().Equal(old) {
		t.Errorf("unchanged file was rewritten: %v, %v", info.ModTime(), err)
	}
	if data, _ := os.ReadFile(b); string(data) != "B2" {
		t.Errorf("b.txt = %q", data)
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.schema.json")
	stale := filepath.Join(dir, "stale.schema.json")
	other := filepath.Join(dir, "notes.txt")
	for _, f := range []string{keep, stale, other} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := Prune(dir, "*.schema.json", []string{keep})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{stale}, removed); diff != "" {
		t.Errorf("Prune (-want +got):\n%s", diff)
	}
	if _, err := Prune(filepath.Join(dir, "missing"), "*", nil); err != nil {
		t.Errorf("Prune of a missing dir: %v", err)
	}
}

package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tree writes files (relative path → content) under a new directory, aged
// out of the racy window, and returns it.
func tree(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for rel, data := range files {
		write(t, filepath.Join(dir, rel), data)
	}
	return dir
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

// record saves an entry for what rec records in dir and returns the store.
func record(t *testing.T, rec func(*Recorder)) (store string) {
	t.Helper()
	r := NewRecorder(time.Now())
	rec(r)
	m, err := r.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	store = t.TempDir()
	if err := Save(store, "k", "p", m, "answer"); err != nil {
		t.Fatal(err)
	}
	return store
}

func wantLookup(t *testing.T, store, params string, hit bool, reason string) {
	t.Helper()
	v, ok, why := Lookup[string](store, "k", params)
	if ok != hit || hit && v != "answer" || !strings.Contains(why, reason) {
		t.Errorf("Lookup = %q, %v, %q; want hit %v, reason containing %q", v, ok, why, hit, reason)
	}
}

// TestTreeChanges: a walked tree misses on a new package directory, a new
// Go file, a nested go.mod removed; not on a file go ignores.
func TestTreeChanges(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(dir string)
		hit    bool
	}{
		{"nothing", func(string) {}, true},
		{"an ignored file", func(dir string) { write(t, filepath.Join(dir, "a", ".a.go.swp"), "x") }, true},
		{"a README", func(dir string) { write(t, filepath.Join(dir, "a", "README"), "x") }, true},
		{"a new package", func(dir string) { write(t, filepath.Join(dir, "b", "b.go"), "package b") }, false},
		{"a new Go file", func(dir string) { write(t, filepath.Join(dir, "a", "c.go"), "package a") }, false},
		{"a nested module merged", func(dir string) { os.Remove(filepath.Join(dir, "n", "go.mod")) }, false},
		{"a nested module's file", func(dir string) { write(t, filepath.Join(dir, "n", "m.go"), "package m") }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := tree(t, map[string]string{"go.mod": "module x\n", "a/a.go": "package a", "n/go.mod": "module n\n", "n/n.go": "package n"})
			store := record(t, func(r *Recorder) { r.Walk(dir) })
			c.change(dir)
			wantLookup(t, store, "p", c.hit, map[bool]string{true: "", false: "changed"}[c.hit])
		})
	}
}

// TestModulesChanges: the module files seen from a package directory: its
// go.mod, a go.mod appearing nearer, a replaced directory's go.mod, a
// go.work appearing above.
func TestModulesChanges(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(dir string)
	}{
		{"go.mod", func(dir string) { write(t, filepath.Join(dir, "m", "go.mod"), "module m\n\ngo 1.26\n") }},
		{"go.sum", func(dir string) { write(t, filepath.Join(dir, "m", "go.sum"), "x") }},
		{"a nearer go.mod", func(dir string) { write(t, filepath.Join(dir, "m", "p", "go.mod"), "module p\n") }},
		{"a replaced module's go.mod", func(dir string) { write(t, filepath.Join(dir, "r", "go.mod"), "module r\n\nrequire y v1.0.0\n") }},
		{"a go.work", func(dir string) { write(t, filepath.Join(dir, "go.work"), "go 1.26\n\nuse ./m\n") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := tree(t, map[string]string{"m/go.mod": "module m\n\nreplace r => ../r\n", "m/p/p.go": "package p", "r/go.mod": "module r\n"})
			store := record(t, func(r *Recorder) { r.Modules(filepath.Join(dir, "m", "p"), nil) })
			wantLookup(t, store, "p", true, "")
			c.change(dir)
			wantLookup(t, store, "p", false, "changed")
		})
	}
}

// TestEntryProblems: other params, a corrupt or missing entry, a deleted
// or edited output are misses with a reason, never errors.
func TestEntryProblems(t *testing.T) {
	dir := tree(t, map[string]string{"in": "x"})
	out := filepath.Join(dir, "out")
	write(t, out, "generated")
	store := record(t, func(r *Recorder) {
		r.Output(out, []byte("generated"))
		r.File(filepath.Join(dir, "in"))
	})
	wantLookup(t, store, "p", true, "")
	wantLookup(t, store, "other", false, "environment changed")
	write(t, out, "edited")
	wantLookup(t, store, "p", false, out+" changed")
	os.Remove(out)
	wantLookup(t, store, "p", false, out+" changed")
	write(t, filepath.Join(store, "k.json"), `{"version":`)
	wantLookup(t, store, "p", false, "corrupt")
	wantLookup(t, t.TempDir(), "p", false, "no entry")
}

// TestRacyFile: a file modified within RacyWindow of the start makes the
// manifest untrustworthy.
func TestRacyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := NewRecorder(time.Now())
	r.File(path)
	if _, err := r.Manifest(); err == nil || !strings.Contains(err.Error(), "changed during the run") {
		t.Errorf("Manifest() error = %v, want the racy file named", err)
	}
}

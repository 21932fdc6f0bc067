package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestModuleKey: the key changes with what decides the resolution (go.mod,
// main.go, a local replace target's go.sum) and with nothing else.
func TestModuleKey(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/pb\n")
	writeFile(t, filepath.Join(dir, "pb.go"), "package pb\n")
	key := func() string {
		t.Helper()
		k, err := moduleKey([]byte("mod"), []byte("main"), []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	k0 := key()
	writeFile(t, filepath.Join(dir, "pb.go"), "package pb // edited\n")
	if key() != k0 {
		t.Error("a source edit changed the key: warm builds would re-resolve")
	}
	writeFile(t, filepath.Join(dir, "go.sum"), "example.com/x v1.0.0 h1:x\n")
	if key() == k0 {
		t.Error("a new go.sum in a replaced directory kept the key")
	}
	if k, _ := moduleKey([]byte("mod2"), []byte("main"), []string{dir}); k == key() {
		t.Error("another go.mod kept the key")
	}
}

// TestPrepareModuleFailure: when go mod tidy fails, the error carries the
// go command's message and the cache holds nothing a later build would
// trust, not even a temporary directory.
func TestPrepareModuleFailure(t *testing.T) {
	cache := t.TempDir()
	p := &plan{cacheDir: cache, env: os.Environ()}
	gomod := []byte("module robusta.local/runner\n\ngo 1.26.8\n\nrequire example.com/nothere v0.0.0\n\nreplace example.com/nothere => " + filepath.Join(cache, "missing") + "\n")
	mainGo := []byte("package main\n\nimport _ \"example.com/nothere\"\n\nfunc main() {}\n")
	_, _, err := prepareModule(context.Background(), p, Generator{Version: "(devel)", Local: true}, gomod, mainGo, nil)
	if err == nil || !strings.Contains(err.Error(), "resolving modules") || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("err = %v, want go mod tidy's complaint about the missing directory", err)
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("cache holds %v after a failed build, want nothing", entries)
	}
}

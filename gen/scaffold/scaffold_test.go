package scaffold

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestInitWorksAtOnce writes a repository against this checkout and runs
// what its README promises: go generate, go vet, go test (the example's
// apitest test) and robusta-gen validate of its values.yaml, each with the
// real go command.
func TestInitWorksAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command: slow")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "my-playbooks")
	files, err := Write(t.Context(), Options{Dir: dir, Replace: root, Go: strings.TrimPrefix(runtime.Version(), "go")})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"go.mod", "doc.go", "logtail.go", "logtail_test.go", "values.yaml", "Makefile", ".github/workflows/ci.yaml", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("init wrote no %s (wrote %v)", want, files)
		}
	}
	mod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	for _, want := range []string{"module example.com/my-playbooks\n", "replace github.com/robusta-go/robusta => " + root + "\n", "tool github.com/robusta-go/robusta/cmd/robusta-gen\n"} {
		if !strings.Contains(string(mod), want) {
			t.Errorf("go.mod lacks %q:\n%s", want, mod)
		}
	}
	for _, args := range [][]string{
		{"generate", "./..."},
		{"vet", "./..."},
		{"test", "./..."},
		{"tool", "robusta-gen", "validate", "--values", "values.yaml", "./..."},
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "robusta", "values.schema.json")); err != nil {
		t.Errorf("go generate wrote no schema for values.yaml's modeline: %v", err)
	}
}

func TestInitRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(t.Context(), Options{Dir: dir, Version: "v1.0.0"}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("a non-empty directory: %v", err)
	}
	if _, err := Write(t.Context(), Options{Dir: t.TempDir(), Module: "Not A Path", Version: "v1.0.0"}); err == nil || !strings.Contains(err.Error(), "--module") {
		t.Errorf("a bad module path: %v", err)
	}
	if _, err := Write(t.Context(), Options{Dir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "--replace") {
		t.Errorf("no version and no checkout: %v", err)
	}
	if got := packageName("my-playbooks"); got != "myplaybooks" {
		t.Errorf("packageName = %q", got)
	}
}

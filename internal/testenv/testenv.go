// Package testenv decides what a test does when a real tool it drives (the
// control plane, helm, crane, yaml-language-server) is not installed, in the
// manner of golang.org/x/tools/internal/testenv.NeedsTool: a contributor who
// runs `go test ./gen/...` without the tools sees those tests skipped with
// the command that installs them, while CI (CI set, as .ci/run does) fails
// them, because a test that silently skipped its real tool proves nothing.
package testenv

import (
	"os"
	"testing"
)

// Dir returns the directory the environment variable name holds. When it is
// unset the test is skipped, or failed under CI, with install as the hint.
func Dir(t testing.TB, name, install string) string {
	t.Helper()
	dir := os.Getenv(name)
	if dir != "" {
		return dir
	}
	msg := name + " is not set: run `make test`, or export " + name + "=$(" + install + ")"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
		return ""
	}
	t.Skip(msg)
	return ""
}

// Package tooltest finds the real tools the toolchain's tests drive: helm,
// crane and yaml-language-server, installed by .ci/install-tools.sh into
// the directory $ROBUSTA_TOOLS (make test exports it).
package tooltest

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of the tool called name ("helm", "crane",
// "yaml-language-server"), failing the test when it is not installed: a
// test that silently skipped its real tool would prove nothing in CI.
func Path(t testing.TB, name string) string {
	t.Helper()
	dir := os.Getenv("ROBUSTA_TOOLS")
	if dir == "" {
		t.Fatal("ROBUSTA_TOOLS is not set: run `make test`, or export ROBUSTA_TOOLS=$(.ci/install-tools.sh)")
	}
	p := filepath.Join(dir, "bin", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is not installed in ROBUSTA_TOOLS=%s: %v (re-run .ci/install-tools.sh)", name, dir, err)
	}
	return p
}

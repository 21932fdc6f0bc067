// Package tooltest finds the real tools the toolchain's tests drive: helm,
// crane and yaml-language-server, installed by .ci/install-tools.sh into
// the directory $ROBUSTA_TOOLS (make test exports it).
package tooltest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/robusta-go/robusta/internal/testenv"
)

// Path returns the path of the tool called name ("helm", "crane",
// "yaml-language-server"). Without ROBUSTA_TOOLS the test is skipped, or
// failed under CI (internal/testenv); with it, a tool missing from it fails
// the test: the tools were meant to be there.
func Path(t testing.TB, name string) string {
	t.Helper()
	dir := testenv.Dir(t, "ROBUSTA_TOOLS", ".ci/install-tools.sh")
	p := filepath.Join(dir, "bin", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is not installed in ROBUSTA_TOOLS=%s: %v (re-run .ci/install-tools.sh)", name, dir, err)
	}
	return p
}

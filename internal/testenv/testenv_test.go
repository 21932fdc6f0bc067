package testenv

import (
	"testing"
)

// recorder is a testing.TB that records whether the test was skipped or
// failed instead of stopping the real one.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()           {}
func (r *recorder) Skip(...any)       { r.skipped = true }
func (r *recorder) Fatal(args ...any) { r.failed = true }

func TestDir(t *testing.T) {
	t.Setenv("ROBUSTA_TESTENV_X", "/opt/x")
	if got := Dir(&recorder{TB: t}, "ROBUSTA_TESTENV_X", "install"); got != "/opt/x" {
		t.Errorf("Dir = %q, want /opt/x", got)
	}

	t.Setenv("ROBUSTA_TESTENV_X", "")
	t.Setenv("CI", "")
	r := &recorder{TB: t}
	Dir(r, "ROBUSTA_TESTENV_X", "install")
	if !r.skipped || r.failed {
		t.Errorf("outside CI: skipped %v failed %v, want a skip", r.skipped, r.failed)
	}

	t.Setenv("CI", "true")
	r = &recorder{TB: t}
	Dir(r, "ROBUSTA_TESTENV_X", "install")
	if !r.failed || r.skipped {
		t.Errorf("under CI: skipped %v failed %v, want a failure", r.skipped, r.failed)
	}
}

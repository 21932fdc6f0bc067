package runner_test

import (
	"os"
	"testing"

	"k8s.io/klog/v2"
	ctrllog "sigs.k8s.io/controller-runtime/pkg/log"
)

// envtest logs through controller-runtime, which prints a warning with a
// stack trace into the test output when no logger is set 30 s into the
// run; send those logs to klog, like client-go's.
func init() { ctrllog.SetLogger(klog.Background()) }

// captureKlog sends client-go's log, at verbosity 4, to the returned logs
// until the test ends. It is how a test sees what the reflectors inside
// the runner's informers did: at that verbosity a reflector logs "Watch
// closed" with the error when a watch expires ("too old resource version")
// and it has to relist. klog is process-wide, which is fine here: the tests
// of this package do not run in parallel.
func captureKlog(t *testing.T) *logs {
	t.Helper()
	out := newLogs()
	var v klog.Level // Set changes the process's verbosity, whichever Level it is called on
	if err := v.Set("4"); err != nil {
		t.Fatal(err)
	}
	klog.LogToStderr(false)
	klog.SetOutput(out)
	t.Cleanup(func() {
		klog.Flush()
		_ = v.Set("0")
		klog.SetOutput(os.Stderr)
		klog.LogToStderr(true)
	})
	return out
}

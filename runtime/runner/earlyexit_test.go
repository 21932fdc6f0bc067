package runner_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"k8s.io/client-go/rest"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/runner"
)

// A runner that fails after its engine started (here: its --listen address
// is taken) stops what it started before returning the error: its
// file_sink's file is closed, its workers are gone. No API server is
// needed: the runner fails before its informers start.
func TestListenTakenClosesSinks(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("needs /proc/self/fd to see which files the process holds open")
	}
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()

	dir, err := filepath.EvalSymlinks(t.TempDir()) // as /proc/self/fd shows it
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "findings.jsonl")
	cfg := filepath.Join(dir, "values.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(values, out)+createdPlaybook), 0o644); err != nil {
		t.Fatal(err)
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := kube.WriteKubeconfig(&rest.Config{Host: "https://127.0.0.1:1"}, kubeconfig); err != nil {
		t.Fatal(err)
	}
	// The detector works: a file this test holds open is seen.
	if f, err := os.Open(cfg); err != nil {
		t.Fatal(err)
	} else {
		held := slices.Contains(openFiles(t), cfg)
		f.Close()
		if !held {
			t.Fatalf("openFiles does not list %s, held open", cfg)
		}
	}

	logs := newLogs()
	err = runner.Run(context.Background(), []string{"--config", cfg, "--kubeconfig", kubeconfig, "--listen", taken.Addr().String(), "--metrics-listen", "127.0.0.1:0"}, logs, playbooks.Actions)
	if err == nil || !strings.Contains(err.Error(), "listening") || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("Run with --listen taken returned %v, want a listening error", err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("the file sink never opened its file: %v", err) // else the next check proves nothing
	}
	if slices.Contains(openFiles(t), out) {
		t.Errorf("Run returned with the file sink's %s still open", out)
	}
	// The workers are done (Run waited for them) and each sink's delivery
	// goroutine ends with its Close: poll for the stragglers to exit.
	kubetest.Eventually(t, wait, "the runner's goroutines to exit", func() bool {
		return !slices.ContainsFunc(goroutines(), func(g string) bool {
			return strings.Contains(g, "robusta/runtime/engine.") || strings.Contains(g, "robusta/runtime/sink.")
		})
	})
	if !logs.Contains(`"msg":"runner stopped"`) {
		t.Errorf("no \"runner stopped\" log line:\n%s", logs)
	}
}

// openFiles lists the files this process holds open.
func openFiles(t *testing.T) []string {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil {
			out = append(out, target)
		}
	}
	return out
}

// goroutines are the stacks of every goroutine.
func goroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Split(string(buf[:n]), "\n\n")
		}
		buf = make([]byte, 2*len(buf))
	}
}

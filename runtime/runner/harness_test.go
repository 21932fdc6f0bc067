package runner_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/runner"
)

// wait bounds every wait for the runner; it only stops a broken test from
// hanging, a passing one never comes near it.
const wait = 30 * time.Second

// proc is a runner.Run running in a goroutine, as the binary would.
type proc struct {
	Addr        string   // where the API is served
	MetricsAddr string   // where /healthz, /readyz and /metrics are served
	Findings    findings // the file_sink's file
	Config      string   // the values file given to --config
	swaps       int      // ConfigMap versions written after the first
	Logs        *logs
	cancel      context.CancelFunc
	exited      chan struct{} // closed when Run has returned err
	err         error
	waited      bool // Wait saw Run return by itself: Stop accepts its error
}

// spec says how to start a runner.
type spec struct {
	Kubeconfig string
	Playbooks  string // the customPlaybooks YAML, at the top level
	Args       []string
	Packages   []registry.Package // default: the built-in playbooks
	// ConfigMap mounts the values as the kubelet mounts a ConfigMap, for
	// reloads by symlink swap (reload_test.go); Reload is Run's reload
	// signal (runner.WithReloadSignal).
	ConfigMap bool
	Reload    <-chan os.Signal
}

// values is the values file: one file_sink, then the playbooks.
const values = `sinksConfig:
- file_sink:
    name: main
    file_name: %q
`

// start runs the runner on s and waits for its "runner started" log line,
// which gives the address it listens on. Cleanup stops it, and requires a
// clean exit, before the control plane (started earlier) stops.
func start(t *testing.T, s spec) *proc {
	t.Helper()
	dir := t.TempDir()
	p := &proc{Findings: findings(filepath.Join(dir, "findings.jsonl")), Logs: newLogs(), exited: make(chan struct{})}
	cfg := filepath.Join(dir, "values.yaml")
	content := []byte(fmt.Sprintf(values, p.Findings) + s.Playbooks)
	if s.ConfigMap {
		cfg = mountConfigMap(t, filepath.Join(dir, "config"), content)
	} else if err := os.WriteFile(cfg, content, 0o644); err != nil {
		t.Fatal(err)
	}
	p.Config = cfg
	args := append([]string{"--config", cfg, "--kubeconfig", s.Kubeconfig, "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"}, s.Args...)
	pkgs := s.Packages
	if pkgs == nil {
		pkgs = []registry.Package{playbooks.Actions}
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	if s.Reload != nil {
		ctx = runner.WithReloadSignal(ctx, s.Reload)
	}
	go func() {
		defer close(p.exited)
		p.err = runner.Run(ctx, args, p.Logs, pkgs...)
	}()
	t.Cleanup(func() {
		p.Stop(t)
		if t.Failed() {
			t.Logf("runner logs:\n%s", p.Logs)
		}
	})

	select {
	case addrs := <-p.Logs.started:
		p.Addr, p.MetricsAddr = addrs[0], addrs[1]
	case <-p.exited:
		t.Fatalf("runner exited before it started: %v\nlogs:\n%s", p.err, p.Logs)
	case <-time.After(wait):
		t.Fatalf("no \"runner started\" log line within %s", wait)
	}
	return p
}

// startReady starts a runner and waits until its informers have synced, so
// that every change the test makes afterwards is a change it must report.
func startReady(t *testing.T, s spec) *proc {
	t.Helper()
	p := start(t, s)
	kubetest.Eventually(t, wait, "/readyz to return 200", func() bool { return p.status(t, "/readyz") == http.StatusOK })
	return p
}

// Stop cancels Run's context, as SIGTERM does, and requires Run to return
// nil. Stopping twice is fine.
func (p *proc) Stop(t *testing.T) {
	t.Helper()
	p.cancel()
	select {
	case <-p.exited:
	case <-time.After(wait):
		t.Fatalf("Run did not return within %s of cancel", wait)
	}
	if p.err != nil && !p.waited {
		t.Errorf("Run returned %v, want nil", p.err)
	}
}

// Wait waits for Run to return by itself (not canceled) and returns its
// error; the test checks it, and Stop no longer requires it to be nil.
func (p *proc) Wait(t *testing.T) error {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(wait):
		t.Fatalf("Run did not return within %s", wait)
	}
	p.waited = true
	return p.err
}

// get fetches one of the runner's probes or metrics.
func (p *proc) get(t *testing.T, path string) (int, string) {
	t.Helper()
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://" + p.MetricsAddr + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

func (p *proc) status(t *testing.T, path string) int {
	code, _ := p.get(t, path)
	return code
}

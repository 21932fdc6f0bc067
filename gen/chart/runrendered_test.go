package chart_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/runner"
)

// running is a runner started from a rendered chart.
type running struct {
	addr, metricsAddr string // the API and the probes
	logs              *startLog
}

// runRendered runs the runner as the rendered chart's Deployment starts
// it (its args, its config, the tokens it generated) with the stock
// bundle, against env. Cleanup stops it and requires a clean exit.
func runRendered(t *testing.T, r rendered, env *kubetest.Env) running {
	t.Helper()
	var sec corev1.Secret
	r.one("Secret", &sec)
	var cm corev1.ConfigMap
	r.one("ConfigMap", &cm)
	d := r.deployment()

	// The pod's files, where the Deployment mounts them, here in a
	// directory of the test.
	dir := t.TempDir()
	files := map[string][]byte{
		"/etc/robusta/values.yaml":             []byte(cm.Data["values.yaml"]),
		"/var/run/robusta/trigger-token/token": sec.Data["trigger-token"],
		"/var/run/robusta/alerts-token/token":  sec.Data["alerts-token"],
	}
	var args []string
	for _, a := range d.Spec.Template.Spec.Containers[0].Args {
		name, value, _ := strings.Cut(a, "=")
		switch {
		case name == "--listen" || name == "--metrics-listen":
			value = "127.0.0.1:0"
		case files[value] != nil:
			p := filepath.Join(dir, filepath.Base(filepath.Dir(value))+"-"+filepath.Base(value))
			if err := os.WriteFile(p, files[value], 0o600); err != nil {
				t.Fatal(err)
			}
			value = p
		}
		if value != "" {
			a = name + "=" + value
		}
		args = append(args, a)
	}
	args = append(args, "--kubeconfig", env.Kubeconfig(t))

	logs := &startLog{started: make(chan [2]string, 1)}
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runner.Run(runCtx, args, logs, playbooks.Actions) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case addrs := <-logs.started:
		return running{addr: addrs[0], metricsAddr: addrs[1], logs: logs}
	case err := <-done:
		t.Fatalf("the runner exited: %v\n%s", err, logs)
	case <-time.After(30 * time.Second):
		t.Fatalf("the runner did not start:\n%s", logs)
	}
	return running{}
}

// startLog is the runner's log output; it hands over the API and probe
// addresses of the "runner started" line.
type startLog struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	started chan [2]string
	seen    bool
}

func (l *startLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for line := range bytes.SplitSeq(p, []byte("\n")) {
		var rec struct {
			Msg, Listen   string
			MetricsListen string `json:"metrics_listen"`
		}
		if !l.seen && json.Unmarshal(line, &rec) == nil && rec.Msg == "runner started" {
			l.seen = true
			l.started <- [2]string{rec.Listen, rec.MetricsListen}
		}
	}
	return len(p), nil
}

func (l *startLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprint(l.buf.String())
}

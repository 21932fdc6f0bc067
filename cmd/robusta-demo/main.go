// Command robusta-demo shows the runner end to end on a machine with nothing
// but Go: it starts a local control plane (etcd and kube-apiserver, built by
// .ci/install-control-plane.sh), builds and starts the stock runner with
// demo.yaml, changes a pod the built-in playbooks react to, makes another
// crash-loop (Robusta's CrashLoopBackOff playbook reports it), prints the
// findings the runner writes, and cleans everything up.
//
//	go run ./cmd/robusta-demo   (or: make demo)
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/robusta-go/robusta/runtime/kube"
)

//go:embed demo.yaml
var demoValues []byte

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo failed:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	work, err := os.MkdirTemp("", "robusta-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	step("starting a local control plane (etcd + kube-apiserver)")
	if err := ensureAssets(); err != nil {
		return err
	}
	env := &envtest.Environment{}
	cfg, err := env.Start()
	if err != nil {
		return fmt.Errorf("starting the control plane: %w", err)
	}
	defer env.Stop()
	kubeconfig := filepath.Join(work, "kubeconfig")
	if err := kube.WriteKubeconfig(cfg, kubeconfig); err != nil {
		return err
	}

	step("building the stock runner (cmd/robusta-runner)")
	bin := filepath.Join(work, "robusta-runner")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/robusta-runner").CombinedOutput(); err != nil {
		return fmt.Errorf("building the runner: %w\n%s", err, out)
	}
	values := filepath.Join(work, "values.yaml")
	if err := os.WriteFile(values, demoValues, 0o644); err != nil {
		return err
	}

	step("starting the runner with cmd/robusta-demo/demo.yaml")
	r, err := startRunner(ctx, bin, "--config", values, "--kubeconfig", kubeconfig, "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer r.kill()
	if err := r.waitReady(ctx); err != nil {
		return err
	}

	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	step("creating pod demo/web-1, then labelling it")
	if err := changePod(ctx, client); err != nil {
		return err
	}
	if err := r.printFindings(ctx, 2); err != nil {
		return err
	}
	step("creating pod demo/api-1 and reporting it crash-looping (the status a kubelet writes)")
	if err := crashPod(ctx, client); err != nil {
		return err
	}
	if err := r.printFindings(ctx, 1); err != nil {
		return err
	}

	step("stopping the runner (SIGTERM: drain, flush sinks, exit 0)")
	if err := r.stop(); err != nil {
		return err
	}
	step("done; the control plane and temporary files are removed")
	return nil
}

func step(s string) { fmt.Println("==> " + s) }

// ensureAssets points envtest at the control plane binaries, building them
// on first use (a few minutes, then cached).
func ensureAssets() error {
	if os.Getenv("KUBEBUILDER_ASSETS") != "" {
		return nil
	}
	cmd := exec.Command("./.ci/install-control-plane.sh")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("installing the control plane (run from the repository root): %w", err)
	}
	return os.Setenv("KUBEBUILDER_ASSETS", strings.TrimSpace(string(out)))
}

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/robusta-go/robusta/runtime/kube"
)

// controlPlane is a running etcd and kube-apiserver, with a kubeconfig for
// the child processes.
type controlPlane struct {
	env        *envtest.Environment
	config     *rest.Config
	dir        string
	kubeconfig string
}

// startControlPlane starts etcd and kube-apiserver from KUBEBUILDER_ASSETS,
// or from the directory .ci/install-control-plane.sh prints.
func startControlPlane() (*controlPlane, error) {
	assets, err := assetsDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "bench-e2e-")
	if err != nil {
		return nil, fmt.Errorf("making a temporary directory: %w", err)
	}
	env := &envtest.Environment{BinaryAssetsDirectory: assets}
	cfg, err := env.Start()
	if err != nil {
		return nil, errors.Join(fmt.Errorf("starting the control plane from %s: %w", assets, err), os.RemoveAll(dir))
	}
	cp := &controlPlane{env: env, config: cfg, dir: dir, kubeconfig: filepath.Join(dir, "kubeconfig")}
	if err := kube.WriteKubeconfig(cfg, cp.kubeconfig); err != nil {
		return nil, errors.Join(err, cp.stop())
	}
	return cp, nil
}

func (cp *controlPlane) stop() error {
	var errs []error
	if err := cp.env.Stop(); err != nil {
		errs = append(errs, fmt.Errorf("stopping the control plane: %w", err))
	}
	if err := os.RemoveAll(cp.dir); err != nil {
		errs = append(errs, fmt.Errorf("removing %s: %w", cp.dir, err))
	}
	return errors.Join(errs...)
}

// assetsDir is KUBEBUILDER_ASSETS, else what the repo's install script
// prints (instantly once the binaries are cached).
func assetsDir() (string, error) {
	if d := os.Getenv("KUBEBUILDER_ASSETS"); d != "" {
		return d, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(filepath.Join(root, ".ci", "install-control-plane.sh"))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("KUBEBUILDER_ASSETS is not set and .ci/install-control-plane.sh failed: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleRoot is the directory of the go.mod enclosing the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("finding the module root: no go.mod above the working directory; run from the repository or set KUBEBUILDER_ASSETS")
		}
		dir = parent
	}
}

// newClient is a clientset without client-side rate limiting (client-go's
// default is 5 requests/s), so that the writers, not the limiter, set the
// pace.
func newClient(c *rest.Config) (kubernetes.Interface, error) {
	c = rest.CopyConfig(c)
	c.QPS, c.Burst = 1e6, 1e6
	client, err := kubernetes.NewForConfig(c)
	if err != nil {
		return nil, fmt.Errorf("making a client: %w", err)
	}
	return client, nil
}

// clientFromKubeconfig is newClient for a child process.
func clientFromKubeconfig(path string) (kubernetes.Interface, error) {
	c, err := clientcmd.BuildConfigFromFlags("", path)
	if err != nil {
		return nil, fmt.Errorf("loading kubeconfig %s: %w", path, err)
	}
	return newClient(c)
}

// Package kubetest starts a real control plane (etcd and kube-apiserver)
// for tests, with controller-runtime's envtest. The binaries come from
// KUBEBUILDER_ASSETS, which `make test` points at the directory
// .ci/install-control-plane.sh builds; without it the test fails and says
// how to get them. No kubelet runs, so pods are never started.
package kubetest

import (
	"os"
	"path/filepath"
	"testing"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/robusta-go/robusta/internal/testenv"
	"github.com/robusta-go/robusta/runtime/kube"
)

// Env is a running control plane.
type Env struct {
	Config *rest.Config
	Client kubernetes.Interface
	env    *envtest.Environment
}

// Option configures the control plane Start starts.
type Option func(*envtest.Environment)

// APIServerFlag sets a kube-apiserver flag, e.g.
// APIServerFlag("feature-gates", "SomeGate=false").
func APIServerFlag(name, value string) Option {
	return func(e *envtest.Environment) {
		e.ControlPlane.GetAPIServer().Configure().Set(name, value)
	}
}

// Start starts a control plane that stops when the test ends.
func Start(t testing.TB, opts ...Option) *Env {
	t.Helper()
	// Skipped without a control plane outside CI, failed under CI.
	testenv.Dir(t, "KUBEBUILDER_ASSETS", ".ci/install-control-plane.sh")
	env := &envtest.Environment{}
	for _, opt := range opts {
		opt(env)
	}
	cfg, err := env.Start()
	if err != nil {
		t.Fatalf("starting the control plane: %v", err)
	}
	t.Cleanup(func() {
		if err := env.Stop(); err != nil {
			t.Errorf("stopping the control plane: %v", err)
		}
	})
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &Env{Config: cfg, Client: client, env: env}
}

// RestartAPIServer stops kube-apiserver and starts it again on the same
// address and with the same serving certificate, so that every client
// (e.Config, kubeconfigs written before) reconnects, with etcd (and so
// every object) kept. While a client holds a watch, kube-apiserver takes
// its request timeout (a minute) to stop, longer than envtest waits: start
// the control plane with APIServerFlag("shutdown-send-retry-after", "true")
// to have it close watches after two seconds.
func (e *Env) RestartAPIServer(t testing.TB) {
	t.Helper()
	api := e.env.ControlPlane.APIServer
	// Stop deletes the certificate directory envtest made, and a new one
	// gets a new serving CA that no client trusts: keep the files.
	certs, err := os.ReadDir(api.CertDir)
	if err != nil {
		t.Fatalf("reading kube-apiserver's certificates: %v", err)
	}
	kept := t.TempDir()
	for _, c := range certs {
		if c.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(api.CertDir, c.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(kept, c.Name()), data, 0o600)
		}
		if err != nil {
			t.Fatalf("keeping kube-apiserver's certificates: %v", err)
		}
	}
	if err := api.Stop(); err != nil {
		t.Fatalf("stopping kube-apiserver: %v", err)
	}
	api.CertDir = kept
	if err := api.Start(); err != nil {
		t.Fatalf("starting kube-apiserver again: %v", err)
	}
}

// Kubeconfig writes a kubeconfig for the control plane into the test's
// temporary directory and returns its path.
func (e *Env) Kubeconfig(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := kube.WriteKubeconfig(e.Config, path); err != nil {
		t.Fatal(err)
	}
	return path
}

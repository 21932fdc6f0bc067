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
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// Env is a running control plane.
type Env struct {
	Config *rest.Config
	Client kubernetes.Interface
	env    *envtest.Environment
}

// Start starts a control plane that stops when the test ends.
func Start(t testing.TB) *Env {
	t.Helper()
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		t.Fatal("KUBEBUILDER_ASSETS is not set: run `make test`, or export KUBEBUILDER_ASSETS=$(.ci/install-control-plane.sh)")
	}
	env := &envtest.Environment{}
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
// address, with etcd (and so every object) kept.
func (e *Env) RestartAPIServer(t testing.TB) {
	t.Helper()
	api := e.env.ControlPlane.APIServer
	if err := api.Stop(); err != nil {
		t.Fatalf("stopping kube-apiserver: %v", err)
	}
	if err := api.Start(); err != nil {
		t.Fatalf("starting kube-apiserver again: %v", err)
	}
}

// Kubeconfig writes a kubeconfig for the control plane into the test's
// temporary directory and returns its path.
func (e *Env) Kubeconfig(t testing.TB) string {
	t.Helper()
	c := e.Config
	kc := clientcmdapi.NewConfig()
	kc.Clusters["test"] = &clientcmdapi.Cluster{Server: c.Host, CertificateAuthorityData: c.CAData}
	kc.AuthInfos["test"] = &clientcmdapi.AuthInfo{ClientCertificateData: c.CertData, ClientKeyData: c.KeyData, Token: c.BearerToken}
	kc.Contexts["test"] = &clientcmdapi.Context{Cluster: "test", AuthInfo: "test"}
	kc.CurrentContext = "test"
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		t.Fatal(err)
	}
	return path
}

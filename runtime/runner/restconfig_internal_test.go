package runner

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/registry"
)

// The API server client's rate limit comes from --kube-api-qps and
// --kube-api-burst; client-go's defaults (5, 10) would be used otherwise.
func TestClientRateLimitFlags(t *testing.T) {
	dir := t.TempDir()
	kc := clientcmdapi.NewConfig()
	kc.Clusters["c"] = &clientcmdapi.Cluster{Server: "https://127.0.0.1:1"}
	kc.Contexts["c"] = &clientcmdapi.Context{Cluster: "c", AuthInfo: "u"}
	kc.AuthInfos["u"] = &clientcmdapi.AuthInfo{Token: "t"}
	kc.CurrentContext = "c"
	kubeconfig, values := filepath.Join(dir, "kubeconfig"), filepath.Join(dir, "values.yaml")
	if err := clientcmd.WriteToFile(*kc, kubeconfig); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(values, []byte("sinksConfig: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args  []string
		qps   float32
		burst int
	}{
		{nil, 20, 40},
		{[]string{"--kube-api-qps", "2.5", "--kube-api-burst", "7"}, 2.5, 7},
	} {
		f, err := parseFlags(append([]string{"--config", values, "--kubeconfig", kubeconfig}, c.args...), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		s, err := load(f, set, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		if s.rest.QPS != c.qps || s.rest.Burst != c.burst {
			t.Errorf("%q: QPS %g, burst %d; want %g, %d", c.args, s.rest.QPS, s.rest.Burst, c.qps, c.burst)
		}
	}
	if _, err := parseFlags([]string{"--config", values, "--kube-api-qps", "0"}, io.Discard); err == nil {
		t.Error("--kube-api-qps 0 accepted")
	}
}

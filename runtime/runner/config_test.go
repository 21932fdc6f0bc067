package runner_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/runner"
)

// A bad values file stops the runner before it connects anywhere, with
// every problem listed as FILE:line:col. The kubeconfig points at a
// listener that counts connections, which must stay at zero.
func TestBadConfigFailsBeforeConnecting(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var dialed atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			dialed.Add(1)
			c.Close()
		}
	}()
	defer ln.Close()

	// Unset for sure, and restored after: t.Setenv records the old value.
	t.Setenv("ROBUSTA_TEST_UNSET_VARIABLE", "")
	os.Unsetenv("ROBUSTA_TEST_UNSET_VARIABLE")
	const file = "testdata/bad-values.yaml"
	args := []string{"--config", file, "--kubeconfig", kubeconfigFor(t, "https://"+ln.Addr().String()), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"}
	out := newLogs()
	err = runner.Run(context.Background(), args, out, playbooks.Actions)
	if err == nil {
		t.Fatal("Run accepted a bad values file")
	}

	want := []string{
		file + `:4:17: environment variable "ROBUSTA_TEST_UNSET_VARIABLE" is not set`,
		file + `:6:3: unknown sink type "file_snk" (did you mean "file_sink"?)`,
		file + `:11:5: unknown trigger "on_pod_updat" (did you mean "on_pod_update"?)`,
		file + `:13:5: missing required param "message" of action echo`,
		file + `:16:24: filter "labels_selector" for on_deployment_update: found '=', expected: ',' or 'end of string'`,
		file + `:18:5: action pod_bash_enricher takes api.PodEvent and cannot run on on_deployment_update (api.DeploymentChangeEvent)`,
		file + `:22:17: param "severity" of action create_finding: "LOUD" is not one of "DEBUG", "INFO", "LOW", "HIGH" (did you mean "LOW"?)`,
		file + `:23:5: unknown action "echoo" (did you mean "echo"?)`,
	}
	if d := cmp.Diff(want, strings.Split(err.Error(), "\n")); d != "" {
		t.Errorf("Run's error, one problem a line (-want +got):\n%s", d)
	}
	if n := dialed.Load(); n != 0 {
		t.Errorf("the runner connected %d times to the cluster", n)
	}
	if out.Contains("runner started") {
		t.Errorf("the runner started:\n%s", out)
	}
}

// kubeconfigFor writes a kubeconfig for a server that is not a cluster.
func kubeconfigFor(t *testing.T, server string) string {
	kc := clientcmdapi.NewConfig()
	kc.Clusters["c"] = &clientcmdapi.Cluster{Server: server, InsecureSkipTLSVerify: true}
	kc.AuthInfos["u"] = &clientcmdapi.AuthInfo{Token: "t"}
	kc.Contexts["c"] = &clientcmdapi.Context{Cluster: "c", AuthInfo: "u"}
	kc.CurrentContext = "c"
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		t.Fatal(err)
	}
	return path
}

package chart_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// TestInferredAccessInstalled is the author's path end to end: the chart
// of testdata/good with the built-ins (its own pod_bash_enricher, which
// calls Exec with no //robusta:rbac line, replaces the built-in one; its
// tail_logs reads logs through a helper), installed with the real helm on
// a real kube-apiserver, and asked with the real kubectl what its
// ServiceAccount may do, as an operator would with kubectl auth can-i.
func TestInferredAccessInstalled(t *testing.T) {
	b, err := gen.Analyze(context.Background(), gen.Options{Dir: "../testdata/good"})
	if err != nil {
		t.Fatal(err)
	}
	dir := writeChart(t, b)
	env := kubetest.Start(t)
	const ns = "robusta"
	if _, err := env.Client.CoreV1().Namespaces().Create(t.Context(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	kubeconfig := env.Kubeconfig(t)
	values := valuesFile(t, `customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: ps}}, {tail_logs: {}}, {logs_enricher: {}}]
`)
	if out, err := helm(t, "install", "rel", dir, "--namespace", ns, "-f", values, "--kubeconfig", kubeconfig); err != nil {
		t.Fatalf("helm install: %v\n%s", err, out)
	}
	sas, err := env.Client.CoreV1().ServiceAccounts(ns).List(t.Context(), metav1.ListOptions{})
	if err != nil || len(sas.Items) == 0 {
		t.Fatalf("the chart's ServiceAccount: %v (%d found)", err, len(sas.Items))
	}
	as := "system:serviceaccount:" + ns + ":" + sas.Items[0].Name
	kubectl := filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kubectl") // Start checked it is set
	for _, c := range []struct {
		verb, resource string
		want           string
	}{
		{"create", "pods/exec", "yes"},
		{"get", "pods/exec", "yes"},
		{"get", "pods/log", "yes"},
		{"watch", "pods", "yes"},
		{"list", "secrets", "no"},
		{"delete", "pods", "no"},
	} {
		// kubectl reads "pods/exec" as the pod named exec: a subresource
		// is its own flag.
		args := []string{"--kubeconfig", kubeconfig, "auth", "can-i", c.verb, "--as", as, "-n", "default"}
		if res, sub, ok := strings.Cut(c.resource, "/"); ok {
			args = append(args, res, "--subresource", sub)
		} else {
			args = append(args, c.resource)
		}
		out, _ := exec.Command(kubectl, args...).CombinedOutput()
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("kubectl auth can-i %s %s --as %s = %q, want %s", c.verb, c.resource, as, got, c.want)
		}
	}
}

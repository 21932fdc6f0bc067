package chart_test

import (
	"context"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// TestServerAcceptsRenderedChart renders the stock chart with every chart
// key set (ServiceMonitor off: the control plane has no Prometheus
// operator CRDs) and creates each object on a real kube-apiserver as a
// server-side dry run with strict field validation, so an unknown or
// misplaced field in a template fails here. helm install --dry-run against
// the same server prints the notes with the webhook URL.
func TestServerAcceptsRenderedChart(t *testing.T) {
	env := kubetest.Start(t)
	ctx := context.Background()
	const ns = "robusta"
	if _, err := env.Client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	values := valuesFile(t, strings.Replace(fullValues, "serviceMonitor: {enabled: true,", "serviceMonitor: {enabled: false,", 1)+`
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{logs_enricher: {}}, {pod_bash_enricher: {bash_command: ps}}]
`)
	out, err := helm(t, "template", "rel", stockChart(t), "--namespace", ns, "-f", values)
	if err != nil {
		t.Fatalf("helm template: %v", err)
	}
	objs := parseObjects(t, out)

	dyn, err := dynamic.NewForConfig(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	disc, err := discovery.NewDiscoveryClientForConfig(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(disc))
	seen := map[string]bool{}
	for _, o := range objs {
		gvk := o.GroupVersionKind()
		m, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
		if err != nil {
			t.Errorf("%s %s: %v", gvk, o.GetName(), err)
			continue
		}
		var ri dynamic.ResourceInterface = dyn.Resource(m.Resource)
		if m.Scope.Name() == "namespace" {
			if o.GetNamespace() != ns {
				t.Errorf("%s %s is in namespace %q, want %q", gvk.Kind, o.GetName(), o.GetNamespace(), ns)
			}
			ri = dyn.Resource(m.Resource).Namespace(ns)
		}
		opts := metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}, FieldValidation: metav1.FieldValidationStrict}
		if _, err := ri.Create(ctx, o, opts); err != nil {
			t.Errorf("the API server refuses %s %s: %v", gvk.Kind, o.GetName(), err)
		}
		seen[gvk.Kind] = true
	}
	for _, k := range []string{"Deployment", "Service", "ConfigMap", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "NetworkPolicy"} {
		if !seen[k] {
			t.Errorf("no %s was rendered", k)
		}
	}

	notes, err := helm(t, "install", "rel", stockChart(t), "--namespace", ns, "-f", values, "--dry-run=client", "--kubeconfig", env.Kubeconfig(t))
	if err != nil {
		t.Fatalf("helm install --dry-run: %v", err)
	}
	for _, want := range []string{
		"- url: http://robusta.robusta.svc:8080/api/alerts",
		"credentials_file: /etc/alertmanager/secrets/alerts/t",
		"credentials: {name: alerts, key: t}",
		"TOKEN=$(kubectl -n robusta get secret trigger -o jsonpath='{.data.t}' | base64 -d)",
		"With 3 replicas one pod, the leader, is ready",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes lack %q:\n%s", want, notes)
		}
	}
}

package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/runner"
)

const widgetPlaybooks = `customResources:
- {group: example.com, version: v1, resource: widgets, kind: Widget}
customPlaybooks:
- name: WidgetCreated
  triggers: [{on_kubernetes_any_resource_create: {name_prefix: w-}}]
  actions: [{create_finding: {title: "$kind $name in $namespace", aggregation_key: WidgetCreated}}]
- name: WidgetChanged
  triggers: [{on_kubernetes_resource_operation: {resources: [widget], operations: [update, delete]}}]
  actions: [{resource_babysitter: {}}]
`

// TestCustomResources: with a CRD installed, a custom object's create
// fires the any-resource trigger and its update and delete
// on_kubernetes_resource_operation naming it; the actions read the
// object's fields (the babysitter's diff of spec.size) and the findings'
// subject is the object's kind, name and namespace.
func TestCustomResources(t *testing.T) {
	env := kubetest.Start(t)
	kubetest.CreateCRD(t, env, kubetest.CRD{Group: "example.com", Version: "v1", Plural: "widgets", Kind: "Widget", Namespaced: true})
	namespace(t, env.Client, "shop")
	dyn, err := dynamic.NewForConfig(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	res := dyn.Resource(schema.GroupVersionResource{Group: "example.com", Version: "v1", Resource: "widgets"}).Namespace("shop")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: widgetPlaybooks})

	ctx := context.Background()
	w, err := res.Create(ctx, &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "example.com/v1", "kind": "Widget",
		"metadata": map[string]any{"name": "w-1", "namespace": "shop", "labels": map[string]any{"app": "shop"}},
		"spec":     map[string]any{"size": int64(3)},
	}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := unstructured.SetNestedField(w.Object, int64(5), "spec", "size"); err != nil {
		t.Fatal(err)
	}
	if _, err := res.Update(ctx, w, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := res.Delete(ctx, "w-1", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	got := p.Findings.WaitFor(t, "the widget's delete finding", func(f finding) bool {
		return f.Playbook == "WidgetChanged" && strings.HasSuffix(f.Title, "deleted")
	})
	got = about(got, "Widget", "shop", "w-1")
	if len(got) != 3 {
		t.Fatalf("findings about Widget shop/w-1: %d, want 3 (create, update, delete):\n%v", len(got), got)
	}
	s := subject{Kind: "Widget", Name: "w-1", Namespace: "shop", Labels: map[string]string{"app": "shop"}}
	for _, f := range got {
		if f.Subject.Kind != s.Kind || f.Subject.Name != s.Name || f.Subject.Namespace != s.Namespace || f.Subject.Labels["app"] != "shop" {
			t.Errorf("finding %q: subject %+v, want %+v", f.Title, f.Subject, s)
		}
	}
	if f := got[0]; f.Playbook != "WidgetCreated" || f.Title != "widget w-1 in shop" {
		t.Errorf("first finding: %s %q, want WidgetCreated %q", f.Playbook, f.Title, "widget w-1 in shop")
	}
	upd := got[1]
	if upd.Playbook != "WidgetChanged" || upd.Title != "widget/shop/w-1.yaml updated" || len(upd.Enrichments) != 1 || len(upd.Enrichments[0].Blocks) != 1 {
		t.Fatalf("second finding: %s %q %v, want WidgetChanged's update with one diff block", upd.Playbook, upd.Title, upd.Enrichments)
	}
	wantDiffs := []any{map[string]any{"path": "spec.size", "old": "3", "new": "5"}}
	if diff := cmp.Diff(wantDiffs, upd.Enrichments[0].Blocks[0]["diffs"]); diff != "" {
		t.Errorf("update diff (-want +got):\n%s", diff)
	}
	if f := got[2]; f.Playbook != "WidgetChanged" || f.Title != "widget/shop/w-1.yaml deleted" {
		t.Errorf("third finding: %s %q, want WidgetChanged's delete", f.Playbook, f.Title)
	}
}

// TestCustomResourceNotServed: a customResources entry that a trigger
// needs and the API server does not serve stops the start with an error
// naming it, instead of an informer that never syncs.
func TestCustomResourceNotServed(t *testing.T) {
	env := kubetest.Start(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "values.yaml")
	content := fmt.Sprintf(values, filepath.Join(dir, "findings.jsonl")) + `customResources:
- {group: example.com, version: v1, resource: gadgets}
customPlaybooks:
- triggers: [{on_kubernetes_resource_operation: {resources: [gadgets]}}]
  actions: [{resource_babysitter: {}}]
`
	if err := os.WriteFile(cfg, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--config", cfg, "--kubeconfig", env.Kubeconfig(t), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"}
	err := runner.Run(context.Background(), args, newLogs(), playbooks.Actions)
	want := "watching customResources: customResources gadgets.example.com: not served by the API server: no API example.com/v1"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Run: %v\nwant an error containing %q", err, want)
	}

	// Listed but needed by no trigger: not watched, so not asked for, as
	// a built-in kind no trigger names.
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: `customResources:
- {group: example.com, version: v1, resource: gadgets}
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{resource_babysitter: {}}]
`})
	p.Stop(t)
}

// TestReloadWatchesAddedCustomResources: a reload that adds a
// customResources entry and a playbook on it starts a dynamic informer for
// it, and the custom object's creation fires; one naming a resource the
// API server does not serve is refused, and the old config keeps running.
func TestReloadWatchesAddedCustomResources(t *testing.T) {
	env := kubetest.Start(t)
	kubetest.CreateCRD(t, env, kubetest.CRD{Group: "example.com", Version: "v1", Plural: "widgets", Kind: "Widget", Namespaced: true})
	namespace(t, env.Client, "shop")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: createdAs("pod $name"), ConfigMap: true})

	p.swapConfigMap(t, "customResources:\n- {group: example.com, version: v1, resource: gadgets}\n"+createdAs("pod $name")+
		"- name: GadgetCreated\n  triggers: [{on_kubernetes_resource_operation: {resources: [gadgets.example.com], operations: [create]}}]\n"+
		"  actions: [{create_finding: {title: \"gadget $name\", aggregation_key: GadgetCreated}}]\n")
	p.waitMetric(t, fmt.Sprintf(reloadsFailed, 1))
	if !p.Logs.Contains("not served") {
		t.Errorf("the refused reload does not say gadgets are not served:\n%s", p.Logs)
	}

	p.swapConfigMap(t, widgetPlaybooks[:strings.Index(widgetPlaybooks, "customPlaybooks:")]+createdAs("pod $name")+
		"- name: WidgetCreated\n  triggers: [{on_kubernetes_resource_operation: {resources: [widget], operations: [create]}}]\n"+
		"  actions: [{create_finding: {title: \"widget $name\", aggregation_key: WidgetCreated}}]\n")
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	if !p.Logs.Contains(`"kinds_added":["widgets.example.com"]`) {
		t.Errorf("the reload added no informer for widgets:\n%s", p.Logs)
	}
	dyn, err := dynamic.NewForConfig(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	res := dyn.Resource(schema.GroupVersionResource{Group: "example.com", Version: "v1", Resource: "widgets"}).Namespace("shop")
	if _, err := res.Create(context.Background(), &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "example.com/v1", "kind": "Widget",
		"metadata": map[string]any{"name": "w-2", "namespace": "shop"},
	}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	createPod(t, env.Client, "shop", "a", nil)
	p.Findings.WaitFor(t, "the new widget's finding", hasTitle("widget w-2"))
	p.Findings.WaitFor(t, "the pod's finding", hasTitle("pod a"))
}

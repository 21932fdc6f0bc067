package kubetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
)

// CRD describes a CustomResourceDefinition for CreateCRD: one served
// version whose objects may hold any fields.
type CRD struct {
	Group, Version, Plural, Kind string
	// Namespaced is false for a cluster-scoped kind.
	Namespaced bool
}

var crdGVR = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

// CreateCRD installs c on the control plane and waits until the API server
// serves it: the CRD Established and its resource in discovery. It is
// written as unstructured, so that tests need no apiextensions types.
func CreateCRD(t testing.TB, e *Env, c CRD) {
	t.Helper()
	dyn, err := dynamic.NewForConfig(e.Config)
	if err != nil {
		t.Fatal(err)
	}
	scope := "Cluster"
	if c.Namespaced {
		scope = "Namespaced"
	}
	name := c.Plural + "." + c.Group
	crd := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
		"metadata": map[string]any{"name": name},
		"spec": map[string]any{
			"group": c.Group, "scope": scope,
			"names": map[string]any{"plural": c.Plural, "kind": c.Kind, "singular": "", "listKind": c.Kind + "List"},
			"versions": []any{map[string]any{
				"name": c.Version, "served": true, "storage": true,
				"schema": map[string]any{"openAPIV3Schema": map[string]any{"type": "object", "x-kubernetes-preserve-unknown-fields": true}},
			}},
		},
	}}
	ctx := context.Background()
	if _, err := dyn.Resource(crdGVR).Create(ctx, crd, metav1.CreateOptions{}); err != nil {
		t.Fatalf("creating CRD %s: %v", name, err)
	}
	disc, err := discovery.NewDiscoveryClientForConfig(e.Config)
	if err != nil {
		t.Fatal(err)
	}
	Eventually(t, 30*time.Second, "CRD "+name+" to be served", func() bool {
		got, err := dyn.Resource(crdGVR).Get(ctx, name, metav1.GetOptions{})
		return err == nil && established(got) && served(disc, c)
	})
}

func established(crd *unstructured.Unstructured) bool {
	conds, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
	for _, c := range conds {
		if m, ok := c.(map[string]any); ok && m["type"] == "Established" && m["status"] == "True" {
			return true
		}
	}
	return false
}

func served(disc discovery.DiscoveryInterface, c CRD) bool {
	list, err := disc.ServerResourcesForGroupVersion(fmt.Sprintf("%s/%s", c.Group, c.Version))
	if err != nil {
		return false
	}
	for _, r := range list.APIResources {
		if r.Name == c.Plural {
			return true
		}
	}
	return false
}

package playbooks

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/runtime/api"
)

// errNoSelector is returned for an object whose pods cannot be told: not
// a pod, a node, nor a kind with spec.selector.
var errNoSelector = fmt.Errorf("the object has no pods: it is not a pod, a node, or a workload with spec.selector")

// podsOf lists the pods of obj as Robusta's related-pods helpers do: the
// pod itself, the pods on a node, and for a workload (Deployment,
// DaemonSet, ReplicaSet, StatefulSet, Job, and any kind with a label
// selector at spec.selector, such as an Argo Rollout) the pods its
// selector selects in its namespace.
func podsOf(ctx context.Context, c api.Cluster, obj api.Object) ([]corev1.Pod, error) {
	switch o := obj.(type) {
	case *corev1.Pod:
		return []corev1.Pod{*o}, nil
	case *corev1.Node:
		return api.NewNode(o, c).Pods(ctx)
	}
	sel, err := specSelector(obj)
	if err != nil {
		return nil, err
	}
	return api.SelectPods(ctx, c, obj.GetNamespace(), sel)
}

// specSelector reads obj's spec.selector as a label selector, for typed
// and unstructured objects alike.
func specSelector(obj api.Object) (*metav1.LabelSelector, error) {
	var m map[string]any
	if u, ok := obj.(*unstructured.Unstructured); ok {
		m = u.Object
	} else {
		var err error
		if m, err = runtime.DefaultUnstructuredConverter.ToUnstructured(obj); err != nil {
			return nil, fmt.Errorf("reading %s %s: %w", api.KindOf(obj), obj.GetName(), err)
		}
	}
	raw, ok, err := unstructured.NestedMap(m, "spec", "selector")
	if err != nil || !ok {
		return nil, fmt.Errorf("%s %s/%s: %w", api.KindOf(obj), obj.GetNamespace(), obj.GetName(), errNoSelector)
	}
	var sel metav1.LabelSelector
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(raw, &sel); err != nil {
		return nil, fmt.Errorf("reading the selector of %s %s/%s: %w", api.KindOf(obj), obj.GetNamespace(), obj.GetName(), err)
	}
	return &sel, nil
}

package manual

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
)

// getter reads one object of a kind; namespace is "" for cluster-scoped kinds.
type getter func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error)

// getters has a typed Get for every kind of the kinds table but Secret
// (checked by a test), so that objects come back as the k8s.io/api types
// events carry. Secret has none on purpose: a manual run refuses it as its
// subject, and without a getter no later change can read one by mistake.
var getters = map[string]getter{
	"Pod": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().Pods(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"ReplicaSet": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.AppsV1().ReplicaSets(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"DaemonSet": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.AppsV1().DaemonSets(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"Deployment": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.AppsV1().Deployments(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"StatefulSet": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.AppsV1().StatefulSets(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"Service": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().Services(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"Event": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().Events(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"HorizontalPodAutoscaler": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.AutoscalingV2().HorizontalPodAutoscalers(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"Node": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{}))
	},
	"ClusterRole": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.RbacV1().ClusterRoles().Get(ctx, name, metav1.GetOptions{}))
	},
	"ClusterRoleBinding": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.RbacV1().ClusterRoleBindings().Get(ctx, name, metav1.GetOptions{}))
	},
	"Job": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.BatchV1().Jobs(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"Namespace": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().Namespaces().Get(ctx, name, metav1.GetOptions{}))
	},
	"ServiceAccount": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().ServiceAccounts(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"PersistentVolume": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().PersistentVolumes().Get(ctx, name, metav1.GetOptions{}))
	},
	"PersistentVolumeClaim": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().PersistentVolumeClaims(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"NetworkPolicy": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.NetworkingV1().NetworkPolicies(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"ConfigMap": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.CoreV1().ConfigMaps(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
	"Ingress": func(ctx context.Context, c kubernetes.Interface, namespace, name string) (api.Object, error) {
		return object(c.NetworkingV1().Ingresses(namespace).Get(ctx, name, metav1.GetOptions{}))
	},
}

// object turns a typed Get's result into an Object, never a typed nil.
func object[T api.Object](o T, err error) (api.Object, error) {
	if err != nil {
		return nil, err
	}
	return o, nil
}

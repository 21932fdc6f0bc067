// Package kinds is the one table of the Kubernetes kinds that robusta-go
// knows by name: the twenty kinds of Robusta's triggers. The author API's
// event types, the trigger names and (later) the informers are all derived
// from this table, so a kind is added in exactly one place.
package kinds

// Kind describes one Kubernetes kind that playbooks can trigger on.
type Kind struct {
	// Name is the Kubernetes kind, e.g. "Pod". Event types are named after it
	// (PodEvent, PodChangeEvent) and so is the getter (GetPod).
	Name string
	// Trigger is the lower-case name used in trigger keys: on_<Trigger>_update.
	Trigger string
	// ImportPath and Package locate the k8s.io/api Go type: Package.Name.
	ImportPath string
	Package    string
	// Group, Version and Resource identify the API resource.
	Group, Version, Resource string
	// Namespaced is false for cluster-scoped kinds (Node, Namespace, ...).
	Namespaced bool
	// Wrapped kinds get an api.<Name> type that embeds the k8s.io/api type
	// and adds cluster operations (Pod.GetLogs, Pod.Exec, ...); their getter
	// returns the wrapper.
	Wrapped bool
}

const (
	core       = "k8s.io/api/core/v1"
	apps       = "k8s.io/api/apps/v1"
	batch      = "k8s.io/api/batch/v1"
	rbac       = "k8s.io/api/rbac/v1"
	networking = "k8s.io/api/networking/v1"
	autoscale  = "k8s.io/api/autoscaling/v2"
)

// All lists the kinds in Robusta's order (scripts/generate_kubernetes_code.py).
var All = []Kind{
	{Name: "Pod", Trigger: "pod", ImportPath: core, Package: "corev1", Version: "v1", Resource: "pods", Namespaced: true, Wrapped: true},
	{Name: "ReplicaSet", Trigger: "replicaset", ImportPath: apps, Package: "appsv1", Group: "apps", Version: "v1", Resource: "replicasets", Namespaced: true},
	{Name: "DaemonSet", Trigger: "daemonset", ImportPath: apps, Package: "appsv1", Group: "apps", Version: "v1", Resource: "daemonsets", Namespaced: true},
	{Name: "Deployment", Trigger: "deployment", ImportPath: apps, Package: "appsv1", Group: "apps", Version: "v1", Resource: "deployments", Namespaced: true, Wrapped: true},
	{Name: "StatefulSet", Trigger: "statefulset", ImportPath: apps, Package: "appsv1", Group: "apps", Version: "v1", Resource: "statefulsets", Namespaced: true},
	{Name: "Service", Trigger: "service", ImportPath: core, Package: "corev1", Version: "v1", Resource: "services", Namespaced: true},
	{Name: "Event", Trigger: "event", ImportPath: core, Package: "corev1", Version: "v1", Resource: "events", Namespaced: true},
	{Name: "HorizontalPodAutoscaler", Trigger: "horizontalpodautoscaler", ImportPath: autoscale, Package: "autoscalingv2", Group: "autoscaling", Version: "v2", Resource: "horizontalpodautoscalers", Namespaced: true},
	{Name: "Node", Trigger: "node", ImportPath: core, Package: "corev1", Version: "v1", Resource: "nodes", Wrapped: true},
	{Name: "ClusterRole", Trigger: "clusterrole", ImportPath: rbac, Package: "rbacv1", Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "clusterroles"},
	{Name: "ClusterRoleBinding", Trigger: "clusterrolebinding", ImportPath: rbac, Package: "rbacv1", Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "clusterrolebindings"},
	{Name: "Job", Trigger: "job", ImportPath: batch, Package: "batchv1", Group: "batch", Version: "v1", Resource: "jobs", Namespaced: true, Wrapped: true},
	{Name: "Namespace", Trigger: "namespace", ImportPath: core, Package: "corev1", Version: "v1", Resource: "namespaces"},
	{Name: "ServiceAccount", Trigger: "serviceaccount", ImportPath: core, Package: "corev1", Version: "v1", Resource: "serviceaccounts", Namespaced: true},
	{Name: "PersistentVolume", Trigger: "persistentvolume", ImportPath: core, Package: "corev1", Version: "v1", Resource: "persistentvolumes"},
	{Name: "PersistentVolumeClaim", Trigger: "persistentvolumeclaim", ImportPath: core, Package: "corev1", Version: "v1", Resource: "persistentvolumeclaims", Namespaced: true},
	{Name: "NetworkPolicy", Trigger: "networkpolicy", ImportPath: networking, Package: "networkingv1", Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies", Namespaced: true},
	{Name: "ConfigMap", Trigger: "configmap", ImportPath: core, Package: "corev1", Version: "v1", Resource: "configmaps", Namespaced: true},
	{Name: "Ingress", Trigger: "ingress", ImportPath: networking, Package: "networkingv1", Group: "networking.k8s.io", Version: "v1", Resource: "ingresses", Namespaced: true},
	{Name: "Secret", Trigger: "secret", ImportPath: core, Package: "corev1", Version: "v1", Resource: "secrets", Namespaced: true},
}

// ByTrigger returns the kind whose trigger name is t.
func ByTrigger(t string) (Kind, bool) {
	for _, k := range All {
		if k.Trigger == t {
			return k, true
		}
	}
	return Kind{}, false
}

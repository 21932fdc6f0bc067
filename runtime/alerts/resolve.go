package alerts

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
)

// Resolver fills in the objects an alert's labels name.
type Resolver interface {
	Resolve(ctx context.Context, ev *api.PrometheusAlertEvent) error
}

// ResolverFunc adapts a function to Resolver.
type ResolverFunc func(ctx context.Context, ev *api.PrometheusAlertEvent) error

// Resolve implements Resolver.
func (f ResolverFunc) Resolve(ctx context.Context, ev *api.PrometheusAlertEvent) error {
	return f(ctx, ev)
}

// KubeResolver resolves objects with one Get each through the API server.
type KubeResolver struct {
	Client kubernetes.Interface
	Logger *slog.Logger
}

// Resolve implements Resolver, with Robusta's label conventions: pod from
// pod+namespace, node from node or instance (see node), deployment,
// daemonset and statefulset from the same-named labels plus namespace, job
// from job_name plus namespace, the HPA from horizontalpodautoscaler
// plus namespace. An absent label, NotFound or Forbidden
// leaves the object nil; any other error is returned, wrapped.
func (r KubeResolver) Resolve(ctx context.Context, ev *api.PrometheusAlertEvent) error {
	l := ev.Alert.Labels
	ns := l["namespace"]
	c := r.Client
	var err error
	if ev.Pod, err = get(ctx, r, "pod", ns, l["pod"], c.CoreV1().Pods(ns).Get); err != nil {
		return err
	}
	if ev.Node, err = r.node(ctx, l); err != nil {
		return err
	}
	if ev.Deployment, err = get(ctx, r, "deployment", ns, l["deployment"], c.AppsV1().Deployments(ns).Get); err != nil {
		return err
	}
	if ev.DaemonSet, err = get(ctx, r, "daemonset", ns, l["daemonset"], c.AppsV1().DaemonSets(ns).Get); err != nil {
		return err
	}
	if ev.StatefulSet, err = get(ctx, r, "statefulset", ns, l["statefulset"], c.AppsV1().StatefulSets(ns).Get); err != nil {
		return err
	}
	if ev.Job, err = get(ctx, r, "job", ns, l["job_name"], c.BatchV1().Jobs(ns).Get); err != nil {
		return err
	}
	if ev.HorizontalPodAutoscaler, err = get(ctx, r, "horizontalpodautoscaler", ns, l["horizontalpodautoscaler"], c.AutoscalingV2().HorizontalPodAutoscalers(ns).Get); err != nil {
		return err
	}
	return nil
}

// node resolves the node as Robusta's AlertEventBuilder: the node label,
// else the instance label unless the Prometheus job is kube-state-metrics
// (its instance is kube-state-metrics' own address, not a node). A value
// with a port, or an IP, names the node with that address; else the
// value is the node's name.
func (r KubeResolver) node(ctx context.Context, l map[string]string) (*corev1.Node, error) {
	name := l["node"]
	if name == "" && l["job"] != "kube-state-metrics" {
		name = l["instance"]
	}
	host := name
	if h, _, err := net.SplitHostPort(name); err == nil {
		host = h
	}
	if net.ParseIP(host) == nil {
		return get(ctx, r, "node", "", host, r.Client.CoreV1().Nodes().Get)
	}
	// One List per alert, as Robusta's __find_node_by_ip.
	list, err := r.Client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	switch {
	case apierrors.IsForbidden(err):
		if r.Logger != nil {
			r.Logger.Warn("alert node not resolved: forbidden", "address", host, "error", err)
		}
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("resolving node with address %s: %w", host, err)
	}
	for i := range list.Items {
		for _, a := range list.Items[i].Status.Addresses {
			if a.Address == host {
				return &list.Items[i], nil
			}
		}
	}
	return nil, nil
}

// get reads one object; see KubeResolver.Resolve for what is nil.
func get[T any](ctx context.Context, r KubeResolver, kind, ns, name string, fn func(context.Context, string, metav1.GetOptions) (*T, error)) (*T, error) {
	if name == "" {
		return nil, nil
	}
	// A namespaced kind without a namespace label cannot be read.
	if ns == "" && kind != "node" {
		return nil, nil
	}
	// Labels are free text (instance is often a URL): a value that cannot
	// be an object's name names no object, and asking would be a client
	// error that failed the alert and its batch.
	if len(validation.IsDNS1123Subdomain(name)) > 0 || (ns != "" && len(validation.IsDNS1123Label(ns)) > 0) {
		return nil, nil
	}
	obj, err := fn(ctx, name, metav1.GetOptions{})
	switch {
	case err == nil:
		return obj, nil
	case apierrors.IsNotFound(err):
		return nil, nil
	case apierrors.IsForbidden(err):
		if r.Logger != nil {
			r.Logger.Warn("alert object not resolved: forbidden", "kind", kind, "namespace", ns, "name", name, "error", err)
		}
		return nil, nil
	default:
		return nil, fmt.Errorf("resolving %s %s/%s: %w", kind, ns, name, err)
	}
}

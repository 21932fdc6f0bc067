package api

import (
	"context"
	"slices"

	corev1 "k8s.io/api/core/v1"
)

// ObjectEvents lists the Kubernetes events about the object of kind, name
// and namespace (namespace "" for a cluster-scoped object: a Node's events
// live in whatever namespace the kubelet wrote them, so every namespace is
// searched). It is Pod.Events for any kind, for the actions that start from
// an Event's involvedObject or a Job.
//
// The list is asked with a field selector and the result checked again
// (as for Pod.Events): a client that ignores field selectors (client-go's fake, which
// apitest uses) would otherwise hand back every event of the namespace.
func ObjectEvents(ctx context.Context, c Cluster, kind, namespace, name string) ([]corev1.Event, error) {
	return objectEvents(ctx, c, namespace, kind, name)
}

// onlyAbout drops the events that are not about the object.
func onlyAbout(events []corev1.Event, kind, namespace, name string) []corev1.Event {
	return slices.DeleteFunc(events, func(e corev1.Event) bool {
		o := e.InvolvedObject
		return o.Kind != kind || o.Name != name || (namespace != "" && o.Namespace != namespace)
	})
}

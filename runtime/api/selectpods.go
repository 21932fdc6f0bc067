package api

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// SelectPods lists the pods of namespace that sel selects, as
// Deployment.Pods does for any workload (a DaemonSet, a StatefulSet, a
// custom kind with a label selector). An empty selector selects nothing:
// it would otherwise list every pod of the namespace.
func SelectPods(ctx context.Context, c Cluster, namespace string, sel *metav1.LabelSelector) ([]corev1.Pod, error) {
	return selectPods(ctx, c, namespace, sel)
}

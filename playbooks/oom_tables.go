package playbooks

import (
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// mebibytes is a memory quantity in whole MiB, truncated, as Robusta's
// PodResources.parse_mem (which it labels MB). The quantity is the API's
// parsed value: Robusta's own parser reads "k" as 1024 and gives 0 for a
// fractional "1.5Gi"; resource.Quantity has neither fault.
func mebibytes(rl corev1.ResourceList) int64 {
	q, ok := rl[corev1.ResourceMemory]
	if !ok {
		return 0
	}
	return q.Value() / (1024 * 1024)
}

// nodeMemoryTable is "*Node Info*": the node's name and the share of its
// memory capacity kept from pods, (capacity - allocatable) / capacity, in
// whole MiB as Robusta computes it. Robusta divides by zero on a node that
// reports no capacity; that case is said in words here.
func nodeMemoryTable(node *corev1.Node) api.Table {
	alloc, capacity := mebibytes(node.Status.Allocatable), mebibytes(node.Status.Capacity)
	memory := fmt.Sprintf("unknown: the node reports no memory capacity, %dMB allocatable", alloc)
	if capacity > 0 {
		memory = fmt.Sprintf("%.2f%% out of %dMB allocatable", float64(capacity-alloc)*100/float64(capacity), alloc)
	}
	t := api.TableBlock([]string{"field", "value"}, [][]string{{"Node Name", node.Name}, {"Node allocated memory", memory}})
	t.Name = "*Node Info*"
	return t
}

// oomContainerTable is "*Container Info*": the pod, the OOM-killed
// container's memory request and limit, and when the killed instance ran.
// Robusta looks the container up among the pod's containers only; an
// OOM-killed init container is found here too.
func oomContainerTable(pod *corev1.Pod, k oomKill) api.Table {
	rows := [][]string{{"Pod", pod.Name}, {"Namespace", pod.Namespace}}
	all := slices.Concat(pod.Spec.Containers, pod.Spec.InitContainers)
	if i := slices.IndexFunc(all, func(c corev1.Container) bool { return c.Name == k.status.Name }); i >= 0 {
		req, limit := "No request", "No limit"
		if mb := mebibytes(all[i].Resources.Requests); mb > 0 {
			req = fmt.Sprintf("%dMB request", mb)
		}
		if mb := mebibytes(all[i].Resources.Limits); mb > 0 {
			limit = fmt.Sprintf("%dMB limit", mb)
		}
		rows = append(rows, []string{"Container memory", req + ", " + limit}, []string{"Container name", k.status.Name})
	}
	if !k.terminated.StartedAt.IsZero() {
		rows = append(rows, []string{"Container started at", k8sTime(k.terminated.StartedAt.Time)})
	}
	if !k.terminated.FinishedAt.IsZero() {
		rows = append(rows, []string{"Container finished at", k8sTime(k.terminated.FinishedAt.Time)})
	}
	t := api.TableBlock([]string{"field", "value"}, rows)
	t.Name = "*Container Info*"
	return t
}

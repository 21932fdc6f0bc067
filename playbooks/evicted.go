package playbooks

import (
	"context"
	"fmt"
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// PodEvictedEnricher reports an evicted pod, as Robusta's
// pod_evicted_enricher: "Pod <pod> in namespace <ns> was Evicted", HIGH,
// keyed PodEvictedTriggered, with "Node Info" (the node's name, conditions
// and allocatable resources) and a table of the pods on the node.
//
// Robusta sends nothing when the node cannot be read (an evicted pod's
// node may well be gone); here the finding is sent with what is known, and
// a read error other than not-found is returned after it. Robusta also
// leaves the finding's source unset; it is the API server here, as for
// every other pod report.
//
//robusta:action
func PodEvictedEnricher(ctx context.Context, event api.PodEvent) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	f := podFinding(pod, fmt.Sprintf("Pod %s in namespace %s was Evicted", pod.Name, pod.Namespace), "PodEvictedTriggered")
	general := api.TableBlock([]string{"Field", "Value"}, [][]string{{"Node Name", pod.Spec.NodeName}})
	general.Name = "*Node general info:*"
	node, err := podNode(ctx, event, pod)
	if node == nil {
		addTo(f, "Node Info", general)
		event.AddFinding(f)
		return err
	}
	// nodeStatusTable is node_health_watcher's (nodehealth.go), the same
	// block as Robusta's get_node_status_table_block.
	addTo(f, "Node Info", general, nodeStatusTable(node), nodeAllocatableTable(node))
	event.AddFinding(f)
	pods, err := api.NewNode(node, event.Execution().Cluster()).Pods(ctx)
	if err != nil {
		return fmt.Errorf("listing the pods of node %s: %w", node.Name, err)
	}
	event.AddEnrichment(nodePodsTable(node.Name, pods))
	return nil
}

// nodeAllocatableTable is "*Node Allocatable Resources:*", sorted by
// resource name (Robusta keeps the API's order, which a Go map has not).
func nodeAllocatableTable(node *corev1.Node) api.Table {
	t := api.TableBlock([]string{"resource", "value"}, [][]string{})
	t.Name = "*Node Allocatable Resources:*"
	for _, name := range slices.Sorted(maps.Keys(node.Status.Allocatable)) {
		q := node.Status.Allocatable[name]
		t.Rows = append(t.Rows, []string{string(name), q.String()})
	}
	return t
}

// nodePodsTable is "Pods running on the node": each pod's namespace, name
// and Ready condition ("Unknown" without one). A client that ignores the
// field selector (a fake clientset) lists other nodes' pods too; they are
// left out.
func nodePodsTable(node string, pods []corev1.Pod) api.Table {
	t := api.TableBlock([]string{"namespace", "name", "ready"}, [][]string{})
	t.Name = "Pods running on the node"
	for _, p := range pods {
		if p.Spec.NodeName != node {
			continue
		}
		ready := "Unknown"
		if i := slices.IndexFunc(p.Status.Conditions, func(c corev1.PodCondition) bool { return c.Type == corev1.PodReady }); i >= 0 {
			ready = string(p.Status.Conditions[i].Status)
		}
		t.Rows = append(t.Rows, []string{p.Namespace, p.Name, ready})
	}
	return t
}

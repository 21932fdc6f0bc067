package playbooks

import (
	"context"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// NodeStatusEnricher adds the node's conditions, "*Node status details:*":
// each condition's type and status.
//
//robusta:action
func NodeStatusEnricher(ctx context.Context, event api.NodeEvent) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	event.AddEnrichment(nodeStatusTable(node.Node))
	return nil
}

// NodeAllocatableResourcesEnricher adds the node's allocatable resources,
// "Node Allocatable Resources - The amount of compute resources that are
// available for pods": each resource and its quantity.
//
//robusta:action
func NodeAllocatableResourcesEnricher(ctx context.Context, event api.NodeEvent) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	// The rows are pod_evicted_enricher's (evicted.go); only the title differs.
	t := nodeAllocatableTable(node.Node)
	t.Name = "Node Allocatable Resources - The amount of compute resources that are available for pods"
	event.AddEnrichment(t)
	return nil
}

// NodeRunningPodsEnricher adds "Pods running on the node": every pod
// scheduled on the node, with its namespace, name and Ready condition.
//
// Robusta logs a failed pod list and adds nothing; here the failure is
// the action's error, so the run records why the table is missing.
//
//robusta:action
func NodeRunningPodsEnricher(ctx context.Context, event api.NodeEvent) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	pods, err := node.Pods(ctx)
	if err != nil {
		return err
	}
	event.AddEnrichment(nodePodsTable(node.Name, pods))
	return nil
}

// NodePodsCapacityEnricher says how many pods run on the node against its
// pod capacity, and how many of the running pods have no CPU or memory
// request: "*On the node n, there are currently 12 pods running and the
// maximum capacity for pods on this node is 110.*".
//
// Robusta counts pods that have no request in variables named
// pods_with_cpu_request; the message (pods that "don't have cpu request")
// is what it means, and what is counted here.
//
//robusta:action
func NodePodsCapacityEnricher(ctx context.Context, event api.NodeEvent) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	pods, err := node.Pods(ctx)
	if err != nil {
		return err
	}
	event.AddEnrichment(api.MarkdownBlock(podsCapacityMessage(node.Node, pods)))
	return nil
}

// podsCapacityMessage is Robusta's text. Only Running pods count: the pod
// capacity limits those, not Pending, Succeeded or Failed ones.
func podsCapacityMessage(node *corev1.Node, pods []corev1.Pod) string {
	var running, noCPU, noMemory int
	for _, p := range pods {
		if p.Spec.NodeName != node.Name || !strings.EqualFold(string(p.Status.Phase), "running") {
			continue
		}
		running++
		if !requests(p, corev1.ResourceCPU) {
			noCPU++
		}
		if !requests(p, corev1.ResourceMemory) {
			noMemory++
		}
	}
	var missing string
	if noCPU > 0 {
		missing += fmt.Sprintf("%d pods don't have cpu request. ", noCPU)
	}
	if noMemory > 0 {
		missing += fmt.Sprintf("%d pods don't have memory request. ", noMemory)
	}
	capacity := ""
	if q, ok := node.Status.Capacity[corev1.ResourcePods]; ok {
		capacity = " and the maximum capacity for pods on this node is " + q.String()
	}
	return fmt.Sprintf("*On the node %s, there are currently %d pods running%s.*\n%s", node.Name, running, capacity, missing)
}

// requests tells whether any container of p sets a request for the
// resource; an explicit "0" counts, as in Robusta (a non-empty string).
func requests(p corev1.Pod, r corev1.ResourceName) bool {
	for _, c := range p.Spec.Containers {
		if _, ok := c.Resources.Requests[r]; ok {
			return true
		}
	}
	return false
}

package playbooks

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/robusta-go/robusta/runtime/api"
)

// Cordon marks the event's node unschedulable (a write action: nodes
// patch): "Node n cordoned", or "Node n already cordoned".
//
//robusta:action
func Cordon(ctx context.Context, event api.NodeEvent) error {
	return setUnschedulable(ctx, event, true)
}

// Uncordon marks the event's node schedulable again (a write action:
// nodes patch): "Node n uncordoned", or "Node n already uncordoned".
//
//robusta:action
func Uncordon(ctx context.Context, event api.NodeEvent) error {
	return setUnschedulable(ctx, event, false)
}

// setUnschedulable patches spec.unschedulable, unless the event's copy of
// the node says it is set so already. A merge patch of the one field, as
// Robusta's, so a concurrent change to the node is never overwritten.
func setUnschedulable(ctx context.Context, event api.NodeEvent, cordon bool) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	verb := "uncordoned"
	if cordon {
		verb = "cordoned"
	}
	if node.Spec.Unschedulable == cordon {
		event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("Node %s already %s", node.Name, verb)))
		return nil
	}
	client, err := writeClient(event)
	if err != nil {
		return err
	}
	patch := fmt.Appendf(nil, `{"spec":{"unschedulable":%t}}`, cordon)
	if _, err := client.CoreV1().Nodes().Patch(ctx, node.Name, types.MergePatchType, patch, metav1.PatchOptions{}); err != nil {
		return fmt.Errorf("patching node %s %s: %w", node.Name, verb, err)
	}
	event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("Node %s %s", node.Name, verb)))
	return nil
}

package playbooks

import (
	"context"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// NodeHealthWatcher reports a node that stops being Ready: "Unhealthy node
// <name>", HIGH, keyed NodeNotReady, with a diff of the node and a table of
// its conditions. A node that was not Ready before (or becomes Ready again)
// reports nothing.
//
// Robusta fails on a node without a Ready condition (a node still
// registering); here a node whose old version had no Ready=True condition
// was not healthy to begin with, and a Ready condition missing from the new
// version counts as not ready.
//
//robusta:action
func NodeHealthWatcher(ctx context.Context, event *api.NodeChangeEvent) error {
	node, old := event.Obj, event.OldObj
	if node == nil {
		return api.ErrNoNode
	}
	if old == nil || !nodeReady(old) || nodeReady(node) {
		return nil
	}
	f := &api.Finding{
		Title:          "Unhealthy node " + node.Name,
		Severity:       api.SeverityHigh,
		Source:         api.SourceKubernetesAPI,
		Type:           api.TypeIssue,
		AggregationKey: "NodeNotReady",
		Subject:        api.SubjectOf(node),
		StartsAt:       time.Now().UTC(),
	}
	f.Subject.Node = node.Name
	f.Fingerprint = f.ComputeFingerprint()
	event.AddFinding(f)
	event.AddEnrichment(api.KubernetesDiffBlock(old, node))
	event.AddEnrichment(nodeStatusTable(node))
	return nil
}

// nodeReady reads the Ready condition as Robusta does ("true" in its
// status, case-insensitively); a node without one is not ready.
func nodeReady(n *corev1.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return strings.Contains(strings.ToLower(string(c.Status)), "true")
		}
	}
	return false
}

// nodeStatusTable is Robusta's node_status_enricher block: each condition's
// type and status.
func nodeStatusTable(n *corev1.Node) api.Table {
	t := api.TableBlock([]string{"Type", "Status"}, nil)
	t.Name = "*Node status details:*"
	for _, c := range n.Status.Conditions {
		t.Rows = append(t.Rows, []string{string(c.Type), string(c.Status)})
	}
	return t
}

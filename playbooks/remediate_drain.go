package playbooks

import (
	"context"
	"errors"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
)

// Drain cordons the event's node and evicts its pods through the Eviction
// API, so the API server enforces their PodDisruptionBudgets (a write
// action: nodes patch, pods list, pods/eviction create). DaemonSet pods
// are skipped: they tolerate unschedulable nodes. It reports "Drain node
// n" with the counts, a table of the pods that could not be evicted and
// why (a budget that allows no disruption, say), and the report file
// "Drain n report.log".
//
// Unlike Robusta, mirror pods (static pods the kubelet runs from files)
// are skipped too, as kubectl drain skips them: deleting one through the
// API does not stop it. As in Robusta, an eviction a budget refuses is not
// retried: the action reports it rather than block until the budget
// allows it.
//
//robusta:action
func Drain(ctx context.Context, event api.NodeEvent) error {
	if err := Cordon(ctx, event); err != nil {
		return err
	}
	node := event.GetNode()
	client, err := writeClient(event)
	if err != nil {
		return err
	}
	pods, err := node.Pods(ctx)
	if err != nil {
		// As Robusta: a drain that cannot see the pods leaves the node as
		// it found it.
		return errors.Join(fmt.Errorf("draining node %s: %w; uncordoning", node.Name, err), Uncordon(ctx, event))
	}
	r := drainPods(ctx, client, node.Name, pods)
	event.AddEnrichment(r.blocks(node.Name)...)
	return nil
}

// drainReport counts what drain did with each pod and keeps Robusta's
// per-pod log lines.
type drainReport struct {
	evicting, deleting, skipping int
	failed                       [][]string // namespace, name, reason
	log                          strings.Builder
}

func drainPods(ctx context.Context, client kubernetes.Interface, node string, pods []corev1.Pod) *drainReport {
	r := &drainReport{}
	for _, p := range pods {
		if p.Spec.NodeName != node { // a client that ignores field selectors
			continue
		}
		if kind := drainSkip(p); kind != "" {
			fmt.Fprintf(&r.log, "Skipping %s/%s/%s\n", p.Namespace, kind, p.Name)
			r.skipping++
			continue
		}
		ev := &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: p.Name, Namespace: p.Namespace}}
		if err := client.CoreV1().Pods(p.Namespace).EvictV1(ctx, ev); err != nil {
			fmt.Fprintf(&r.log, "Error evicting %s/Pod/%s %v\n", p.Namespace, p.Name, err)
			r.failed = append(r.failed, []string{p.Namespace, p.Name, err.Error()})
			continue
		}
		// An evicted pod without owners is gone for good: Robusta calls
		// that deleting.
		action := "Evicting"
		if len(p.OwnerReferences) == 0 {
			action = "Deleting"
			r.deleting++
		} else {
			r.evicting++
		}
		fmt.Fprintf(&r.log, "%s %s/Pod/%s\n", action, p.Namespace, p.Name)
	}
	return r
}

// drainSkip names why drain leaves a pod alone ("DaemonSet", "MirrorPod"),
// or "" to evict it.
func drainSkip(p corev1.Pod) string {
	for _, o := range p.OwnerReferences {
		if o.Kind == "DaemonSet" {
			return "DaemonSet"
		}
	}
	if _, ok := p.Annotations[corev1.MirrorPodAnnotationKey]; ok {
		return "MirrorPod"
	}
	return ""
}

func (r *drainReport) blocks(node string) []api.Block {
	out := []api.Block{api.MarkdownBlock(fmt.Sprintf(
		"Drain node %s \nEvicting %d pod(s), deleting %d pod(s), skipping %d pod(s) and %d Error(s).",
		node, r.evicting, r.deleting, r.skipping, len(r.failed)))}
	if len(r.failed) > 0 {
		t := api.TableBlock([]string{"namespace", "name", "reason"}, r.failed)
		t.Name = "Pods not evicted"
		out = append(out, t)
	}
	return append(out, api.FileBlock(fmt.Sprintf("Drain %s report.log", node), []byte(fmt.Sprintf("drain node %s \n\n%s", node, r.log.String()))))
}

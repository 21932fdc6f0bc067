package playbooks

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// oomGraphs adds pod_oom_killer_enricher's graphs to its finding f, which
// the event already has: the node's memory under "Node Info" and the killed
// container's under "Container Info", as Robusta places them. Without
// Prometheus the finding gets the not-configured block instead, and the
// action still succeeds.
func oomGraphs(ctx context.Context, event api.PodEvent, p OomKillParams, f *api.Finding, pod *corev1.Pod, node *corev1.Node, kill oomKill, killed bool) error {
	nodeGraph := p.NodeMemoryGraph && node != nil
	containerGraph := p.ContainerMemoryGraph && killed
	if !nodeGraph && !containerGraph {
		return nil
	}
	prom, err := api.PrometheusFor(event, p.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	if err := sleepCtx(ctx, time.Duration(p.DelayGraphS)*time.Second); err != nil {
		return err
	}
	gp := ResourceGraphEnricherParams{PrometheusParams: p.PrometheusParams, ResourceType: "Memory", GraphDurationMinutes: p.GraphDurationMinutes}
	if gp.GraphDurationMinutes == 0 {
		gp.GraphDurationMinutes = 60
	}
	if nodeGraph {
		labels := map[string]string{"node": node.Name}
		if ip := internalIP(node); ip != "" {
			labels["node_internal_ip"] = ip
		}
		blocks, err := gp.draw(ctx, prom, resourceGraph{item: "Node", labels: labels})
		if err != nil {
			return fmt.Errorf("pod_oom_killer_enricher: node memory graph: %w", err)
		}
		appendTo(f, "Node Info", blocks)
	}
	if containerGraph {
		blocks, err := gp.draw(ctx, prom, oomKillGraph(pod, kill, "Memory"))
		if err != nil {
			return fmt.Errorf("pod_oom_killer_enricher: container memory graph: %w", err)
		}
		appendTo(f, "Container Info", blocks)
	}
	return nil
}

// appendTo adds blocks to f's enrichment titled title, or a new one.
func appendTo(f *api.Finding, title string, blocks []api.Block) {
	for i := range f.Enrichments {
		if f.Enrichments[i].Title == title {
			f.Enrichments[i].Blocks = append(f.Enrichments[i].Blocks, blocks...)
			return
		}
	}
	addTo(f, title, blocks...)
}

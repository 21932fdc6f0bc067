package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/graph"
)

// PodResourceGraphEnricherParams are Robusta's PodResourceGraphEnricherParams.
type PodResourceGraphEnricherParams struct {
	ResourceGraphEnricherParams
	// DisplayLimits draws the pod's limit and request of the resource
	// (CPU and Memory only).
	DisplayLimits bool `json:"display_limits,omitempty"`
}

// PodGraphEnricher attaches a graph of the pod's CPU or memory use, under
// "Pod Resources" (Disk is not supported, as in Robusta).
//
//robusta:action
func PodGraphEnricher(ctx context.Context, event api.PodEvent, params PodResourceGraphEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	var lines []graph.Line
	if params.DisplayLimits {
		lines = resourceLines(params.ResourceType, pod.Spec.Containers)
	}
	blocks, err := params.draw(ctx, prom, resourceGraph{item: "Pod", labels: map[string]string{"pod": pod.Name, "namespace": pod.Namespace}, lines: lines})
	if err != nil {
		return fmt.Errorf("pod_graph_enricher: %w", err)
	}
	event.Execution().AddTitledEnrichment(event, "Pod Resources", blocks)
	return nil
}

// resourceLines are the Limit and Request lines of containers' summed
// resources, in the graph's unit: cores for CPU (Robusta multiplies cores
// by 1024², which puts the line a million times above a CPU graph), bytes
// for memory. A resource no container sets has no line.
func resourceLines(resource string, containers []corev1.Container) []graph.Line {
	name := map[string]corev1.ResourceName{"CPU": corev1.ResourceCPU, "Memory": corev1.ResourceMemory}[resource]
	if name == "" {
		return nil
	}
	var limit, request float64
	for _, c := range containers {
		if q, ok := c.Resources.Limits[name]; ok {
			limit += q.AsApproximateFloat64()
		}
		if q, ok := c.Resources.Requests[name]; ok {
			request += q.AsApproximateFloat64()
		}
	}
	var out []graph.Line
	if limit > 0 {
		out = append(out, graph.Line{Label: "Limit", Value: limit})
	}
	if request > 0 {
		out = append(out, graph.Line{Label: "Request", Value: request})
	}
	return out
}

// PodNodeGraphEnricher attaches a graph of the CPU, memory or disk use of
// the node the pod runs on, under "Pod Resources".
//
//robusta:action
func PodNodeGraphEnricher(ctx context.Context, event api.PodEvent, params ResourceGraphEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	node, err := podNode(ctx, event, pod)
	if err != nil {
		return err
	}
	if node == nil {
		slog.Warn("pod_node_graph_enricher: the pod has no node", "pod", pod.Namespace+"/"+pod.Name, "node", pod.Spec.NodeName)
		return nil
	}
	return nodeGraph(ctx, event, params, node, "Pod Resources")
}

// NodeGraphEnricher attaches a graph of the node's CPU, memory or disk
// use, under "Node Resources".
//
//robusta:action
func NodeGraphEnricher(ctx context.Context, event api.NodeEvent, params ResourceGraphEnricherParams) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	return nodeGraph(ctx, event, params, node.Node, "Node Resources")
}

func nodeGraph(ctx context.Context, event api.ExecutionEvent, params ResourceGraphEnricherParams, node *corev1.Node, title string) error {
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	labels := map[string]string{"node": node.Name}
	if ip := internalIP(node); ip != "" {
		labels["node_internal_ip"] = ip
	}
	blocks, err := params.draw(ctx, prom, resourceGraph{item: "Node", labels: labels})
	if err != nil {
		return fmt.Errorf("node graph: %w", err)
	}
	event.Execution().AddTitledEnrichment(event, title, blocks)
	return nil
}

// OOMGraphEnricherParams are Robusta's OOMGraphEnricherParams.
type OOMGraphEnricherParams struct {
	ResourceGraphEnricherParams
	// DelayGraphS waits this many seconds before querying, so that the
	// memory spike has been scraped.
	DelayGraphS int `json:"delay_graph_s,omitempty" jsonschema:"minimum=0"`
}

// OomkilledContainerGraphEnricher attaches a graph of the most recently
// OOM-killed container's memory (or CPU) use with its limit, request and
// the time of the kill, under "Container Info".
//
//robusta:action
func OomkilledContainerGraphEnricher(ctx context.Context, event api.PodEvent, params OOMGraphEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	kill, ok := lastOOMKill(pod.Pod)
	if !ok {
		slog.Warn("oomkilled_container_graph_enricher: no OOM-killed container", "pod", pod.Namespace+"/"+pod.Name)
		return nil
	}
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	if err := sleepCtx(ctx, time.Duration(params.DelayGraphS)*time.Second); err != nil {
		return err
	}
	g := oomKillGraph(pod.Pod, kill, params.ResourceType)
	blocks, err := params.draw(ctx, prom, g)
	if err != nil {
		return fmt.Errorf("oomkilled_container_graph_enricher: %w", err)
	}
	event.Execution().AddTitledEnrichment(event, "Container Info", blocks)
	return nil
}

// oomKillGraph is the graph of the OOM-killed container's resource use with
// its limit and request, the time of the kill marked, in a window that
// shows the hour before the kill and half an hour after.
func oomKillGraph(pod *corev1.Pod, kill oomKill, resource string) resourceGraph {
	name := kill.status.Name
	g := resourceGraph{
		item:   "Container",
		labels: map[string]string{"pod": pod.Name, "container": name, "namespace": pod.Namespace},
		title:  fmt.Sprintf("%s Usage for container %s", resource, name),
	}
	for _, c := range slices.Concat(pod.Spec.InitContainers, pod.Spec.Containers) {
		if c.Name == name {
			g.lines = resourceLines(resource, []corev1.Container{c})
		}
	}
	if at := kill.terminated.FinishedAt.Time; !at.IsZero() {
		g.marks = []graph.Mark{{Label: "OOM Kill Time", Time: at}}
		// Robusta's window around a kill: at least an hour before it and
		// half an hour after.
		g.window = func(start, end time.Time) (time.Time, time.Time) {
			return minTime(start, at.Add(-time.Hour)), maxTime(end, at.Add(30*time.Minute))
		}
	}
	return g
}

// sleepCtx waits d unless ctx ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

package playbooks

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// OomKillParams configures PodOOMKillerEnricher with Robusta's names. The
// dmesg param is accepted so that Robusta's default values load unchanged;
// it adds nothing (see DmesgLog).
type OomKillParams struct {
	api.PrometheusParams
	// AttachLogs adds the OOM-killed container's log, as logs_enricher.
	AttachLogs bool `json:"attach_logs,omitempty"`
	// ContainerMemoryGraph adds, under "Container Info", a graph of the
	// killed container's memory with its limit, request and the time of
	// the kill, as oomkilled_container_graph_enricher draws it.
	ContainerMemoryGraph bool `json:"container_memory_graph,omitempty"`
	// NodeMemoryGraph adds, under "Node Info", a graph of the node's
	// memory utilization.
	NodeMemoryGraph bool `json:"node_memory_graph,omitempty"`
	// GraphDurationMinutes is how far back the graphs go.
	GraphDurationMinutes int `json:"graph_duration_minutes,omitempty" jsonschema:"default=60,minimum=1"`
	// DelayGraphS waits this many seconds before querying, so that the
	// memory spike has been scraped.
	DelayGraphS int `json:"delay_graph_s,omitempty" jsonschema:"minimum=0"`
	// DmesgLog would add the node's kernel log, read by a debugger pod on
	// the node; accepted, no effect: the kernel log of a node holds every
	// tenant's messages, and robusta-go does not start privileged pods for
	// an enricher.
	DmesgLog bool `json:"dmesg_log,omitempty"`
}

// PodOOMKillerEnricher reports an OOM-killed pod, as Robusta's
// pod_oom_killer_enricher: "Pod <pod> in namespace <ns> OOMKilled
// results", HIGH, keyed PodOOMKilled, with "Node Info" (the node's share
// of memory kept from pods) and "Container Info" (the most recently
// OOM-killed container's memory request and limit and when it ran), each
// with its memory graph when node_memory_graph / container_memory_graph
// ask for it, then that container's log with attach_logs.
//
//robusta:action
func PodOOMKillerEnricher(ctx context.Context, event api.PodEvent, params OomKillParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	f := podFinding(pod, fmt.Sprintf("Pod %s in namespace %s OOMKilled results", pod.Name, pod.Namespace), "PodOOMKilled")
	var errs []error
	node, err := podNode(ctx, event, pod)
	if err != nil {
		errs = append(errs, err)
	} else if node != nil {
		addTo(f, "Node Info", nodeMemoryTable(node))
	}
	oom, ok := lastOOMKill(pod.Pod)
	if ok {
		addTo(f, "Container Info", oomContainerTable(pod.Pod, oom))
	} else {
		slog.Warn("pod_oom_killer_enricher: no OOMKilled container", "pod", pod.Namespace+"/"+pod.Name)
	}
	event.AddFinding(f)
	errs = append(errs, oomGraphs(ctx, event, params, f, pod.Pod, node, oom, ok))
	if params.AttachLogs && ok {
		// Robusta reads the current instance's log; when the killed
		// instance has been replaced its log is the previous one.
		err := LogsEnricher(ctx, event, LogEnricherParams{ContainerName: oom.status.Name, Previous: oom.previous})
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// podNode reads the pod's node; nil without error when the pod is not
// scheduled or the node is gone (the finding is still worth sending).
func podNode(ctx context.Context, event api.PodEvent, pod *api.Pod) (*corev1.Node, error) {
	if pod.Spec.NodeName == "" {
		return nil, nil
	}
	c := event.Execution().Cluster()
	if c == nil {
		return nil, api.ErrNoCluster
	}
	node, err := c.Kubernetes().CoreV1().Nodes().Get(ctx, pod.Spec.NodeName, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		slog.Warn("the node of a pod is gone", "pod", pod.Namespace+"/"+pod.Name, "node", pod.Spec.NodeName)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading node %s of pod %s/%s: %w", pod.Spec.NodeName, pod.Namespace, pod.Name, err)
	}
	return node, nil
}

// oomKill is an OOM-killed container: its status, the terminated state
// that says so, and whether that state is the previous instance's.
type oomKill struct {
	status     corev1.ContainerStatus
	terminated *corev1.ContainerStateTerminated
	previous   bool
}

// lastOOMKill finds the container (or init container) whose current, else
// previous, instance was OOM-killed last, as Robusta's
// pod_most_recent_oom_killed_container: the first one wins a tie.
func lastOOMKill(pod *corev1.Pod) (oomKill, bool) {
	var best oomKill
	found := false
	for _, cs := range slices.Concat(pod.Status.ContainerStatuses, pod.Status.InitContainerStatuses) {
		k := oomKill{status: cs}
		switch {
		case isOOMKilled(cs.State.Terminated):
			k.terminated = cs.State.Terminated
		case isOOMKilled(cs.LastTerminationState.Terminated):
			k.terminated, k.previous = cs.LastTerminationState.Terminated, true
		default:
			continue
		}
		if !found || k.terminated.FinishedAt.After(best.terminated.FinishedAt.Time) {
			best, found = k, true
		}
	}
	return best, found
}

func isOOMKilled(t *corev1.ContainerStateTerminated) bool {
	return t != nil && t.Reason == "OOMKilled"
}

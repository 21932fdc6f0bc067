package playbooks

import (
	"context"
	"fmt"
	"strconv"

	"github.com/robusta-go/robusta/runtime/api"
)

// Robusta's thresholds: a container that reached 92% of its memory limit,
// or a node that reached 95% of its memory, is the estimated reason.
const (
	containerMemoryThreshold = 0.92
	nodeMemoryThreshold      = 0.95
)

// oomReasons estimates why containers on one node were OOM-killed, as
// Robusta's KubernetesOomKillReasonInvestigator; the node's usage is read
// once for all its kills.
type oomReasons struct {
	prom   api.Prometheus
	node   string
	window string // "[1200s]"

	nodeDone   bool
	nodeReason string
}

// reason is the container's reason, else the node's, else Robusta's
// "reason not found". A query error leaves "reason not found" and is
// returned, so the table still goes out and the runner logs the error.
func (r *oomReasons) reason(ctx context.Context, k nodeOOMKill) (string, error) {
	if k.limitBytes > 0 {
		used, ok, err := firstValue(ctx, r.prom, r.containerQuery(k))
		if err != nil {
			return k.reason, err
		}
		if share := used / float64(k.limitBytes); ok && share >= containerMemoryThreshold {
			return "container used too much memory: reached " + percent1(share) + " of its specified limit", nil
		}
	}
	if !r.nodeDone {
		used, ok, err := firstValue(ctx, r.prom, r.nodeQuery())
		if err != nil {
			return k.reason, err
		}
		r.nodeDone = true
		if ok && used >= nodeMemoryThreshold {
			r.nodeReason = fmt.Sprintf("node %s used too much memory: reached %s of its available memory", r.node, percent1(used))
		}
	}
	if r.nodeReason != "" {
		return r.nodeReason, nil
	}
	return k.reason, nil
}

// containerQuery is the container's highest memory use in the window.
// Robusta reads every point of a range query at a one-second step (which
// Prometheus refuses past 11,000 points, about three hours) and takes the
// highest; max_over_time gives that in one sample at any window. image!=""
// drops the pod-level series and container!="POD" the pause container;
// Robusta's id=~"/kubepods/.*" also keeps one series per container, but
// matches no container on a cgroup v2 node with the systemd driver
// ("/kubepods.slice/..."), so "/kubepods.*" is matched here.
func (r *oomReasons) containerQuery(k nodeOOMKill) string {
	return fmt.Sprintf(`max(max_over_time(container_memory_usage_bytes{node=%s, pod=%s, image!="", container!="POD", container=%s, id=~"/kubepods.*"}%s))`,
		strconv.Quote(r.node), strconv.Quote(k.pod), strconv.Quote(k.container), r.window)
}

// nodeQuery is the node's highest memory utilisation (0-1) in the window,
// from kube-prometheus' recording rule, whose instance is the node's name.
func (r *oomReasons) nodeQuery() string {
	return fmt.Sprintf(`max(max_over_time(instance:node_memory_utilisation:ratio{job="node-exporter", instance=%s}%s))`, strconv.Quote(r.node), r.window)
}

// percent1 writes a ratio as a percentage with one decimal. Robusta
// writes the raw ratio followed by "percentage" ("reached 0.97
// percentage"), which reads as under 1%.
func percent1(ratio float64) string { return strconv.FormatFloat(ratio*100, 'f', 1, 64) + "%" }

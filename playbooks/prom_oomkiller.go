package playbooks

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// OomKillerEnricherParams configures OomKillerEnricher with Robusta's
// names.
type OomKillerEnricherParams struct {
	api.PrometheusParams
	// NewOOMKillsDurationInSec keeps only OOM kills of the last this many
	// seconds, so an old kill is not reported again.
	NewOOMKillsDurationInSec int `json:"new_oom_kills_duration_in_sec,omitempty" jsonschema:"minimum=1,default=1200"`
	// MetricsDurationInSecs is the window, in seconds, of the memory usage
	// read from Prometheus to estimate each kill's reason.
	MetricsDurationInSecs int `json:"metrics_duration_in_secs,omitempty" jsonschema:"minimum=1,default=1200"`
}

// oomKillHeaders are Robusta's table headers.
var oomKillHeaders = []string{"time", "pod", "container", "image", "memory_specs", "estimated_reason"}

// OomKillerEnricher lists the containers on the alert's node that were
// OOM-killed in the last new_oom_kills_duration_in_sec seconds, as
// Robusta (for HostOomKillDetected): when, the pod, the container, its
// image, its memory request and limit, and the estimated reason: the
// container reached 92% of its limit, else the node reached 95% of its
// memory, in the last metrics_duration_in_secs seconds. Without
// Prometheus the kills are still listed, with no reason.
//
//robusta:action
func OomKillerEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params OomKillerEnricherParams) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	pods, err := node.Pods(ctx)
	if err != nil {
		return err
	}
	since := time.Now().Add(-time.Duration(params.NewOOMKillsDurationInSec) * time.Second)
	kills := recentOOMKills(node.Name, pods, since)
	// Newest first (Robusta keeps the pods' list order): the kill the
	// alert is about is on top.
	slices.SortStableFunc(kills, func(a, b nodeOOMKill) int { return b.at.Compare(a.at) })
	if len(kills) == 0 {
		// Robusta adds an empty enrichment; saying what was looked at
		// tells the reader the killed process was not a container's.
		event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("No container on node %s was OOM-killed in the last %s: the killed process may run outside Kubernetes.",
			node.Name, windowText(params.NewOOMKillsDurationInSec))))
		return nil
	}
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if err != nil {
		return err
	}
	var errs []error
	if prom != nil {
		r := oomReasons{prom: prom, node: node.Name, window: fmt.Sprintf("[%ds]", params.MetricsDurationInSecs)}
		for i := range kills {
			kills[i].reason, err = r.reason(ctx, kills[i])
			errs = append(errs, err)
		}
	}
	rows := make([][]string, len(kills))
	for i, k := range kills {
		rows[i] = []string{k8sTime(k.at), k.pod, k.container, k.image, k.specs(), k.reason}
	}
	event.AddEnrichment(api.TableBlock(oomKillHeaders, rows))
	return errors.Join(errs...)
}

// nodeOOMKill is one OOM-killed container on the node.
type nodeOOMKill struct {
	at                    time.Time
	pod, container, image string
	request, limit        string // the spec's quantities; "" when unset
	limitBytes            int64
	reason                string
}

// specs writes the container's memory request and limit. Robusta prints
// its pydantic model's repr (MemorySpecs(requests='1Gi', limits=None)).
func (k nodeOOMKill) specs() string {
	req, lim := "none", "none"
	if k.request != "" {
		req = k.request
	}
	if k.limit != "" {
		lim = k.limit
	}
	return "request " + req + ", limit " + lim
}

// recentOOMKills finds the containers of pods on node whose current, else
// previous, instance was OOM-killed after since, as Robusta's
// OomKillsExtractor. The node check repeats the list's field selector,
// which a fake clientset ignores.
func recentOOMKills(node string, pods []corev1.Pod, since time.Time) []nodeOOMKill {
	var out []nodeOOMKill
	for _, p := range pods {
		if p.Spec.NodeName != node {
			continue
		}
		specs := map[string]corev1.ResourceRequirements{}
		for _, c := range p.Spec.Containers {
			specs[c.Name] = c.Resources
		}
		for _, cs := range p.Status.ContainerStatuses {
			t := cs.State.Terminated
			if !isOOMKilled(t) {
				t = cs.LastTerminationState.Terminated
			}
			if !isOOMKilled(t) || t.FinishedAt.Time.Before(since) {
				continue
			}
			k := nodeOOMKill{at: t.FinishedAt.Time, pod: p.Name, container: cs.Name, image: cs.Image, reason: "reason not found"}
			res := specs[cs.Name]
			if q, ok := res.Requests[corev1.ResourceMemory]; ok {
				k.request = q.String()
			}
			if q, ok := res.Limits[corev1.ResourceMemory]; ok {
				k.limit, k.limitBytes = q.String(), q.Value()
			}
			out = append(out, k)
		}
	}
	return out
}

// windowText writes a window for a reader: "20 minutes", else "90 seconds".
func windowText(n int) string {
	if n%60 == 0 {
		return fmt.Sprintf("%d minutes", n/60)
	}
	return fmt.Sprintf("%d seconds", n)
}

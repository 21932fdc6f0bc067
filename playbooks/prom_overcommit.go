package playbooks

import (
	"context"
	"fmt"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// TimedPrometheusParams are Robusta's TimedPrometheusParams: the
// Prometheus settings and the window the queries average over.
type TimedPrometheusParams struct {
	api.PrometheusParams
	// DefaultQueryDuration is the window, in seconds, that requests and
	// allocatable resources are averaged over.
	DefaultQueryDuration int `json:"default_query_duration,omitempty" jsonschema:"minimum=1,default=600"`
}

// overcommitResilience is the description both overcommit enrichers give
// the finding, Robusta's words with the resource named ("Memory").
func overcommitResilience(resource string) string {
	return "Your cluster is currently OK, but if a single node fails then some pods might not be scheduled. " +
		"Add more " + resource + " to your cluster to increase resilience."
}

// CPUOvercommitedEnricher explains a KubeCPUOvercommit alert, as Robusta:
// the total CPU the pods request and the total the nodes can allocate
// (both averaged over default_query_duration), and a description saying
// the cluster would not survive losing a node. Without both numbers it
// adds nothing.
//
//robusta:action
func CPUOvercommitedEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params TimedPrometheusParams) error {
	return overcommit(ctx, event, params, cpuOvercommit)
}

// MemoryOvercommitedEnricher explains a KubeMemoryOvercommit alert, as
// Robusta: the total memory the pods request and the total the nodes can
// allocate (averaged over default_query_duration, in Robusta's units:
// "15.5 GB"), and a description saying the cluster would not survive
// losing a node. Without both numbers it adds nothing.
//
//robusta:action
func MemoryOvercommitedEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params TimedPrometheusParams) error {
	return overcommit(ctx, event, params, memoryOvercommit)
}

// overcommitResource is what tells the two overcommit enrichers apart.
type overcommitResource struct {
	resource string // kube_node_status_allocatable's resource label
	requests string // the recording rule of the pods' requests
	stats    string // the resource in the stats line ("memory")
	advice   string // the resource in the description ("Memory")
	format   func(float64) string
}

var (
	cpuOvercommit = overcommitResource{"cpu", "namespace_cpu:kube_pod_container_resource_requests:sum{}", "CPU", "CPU",
		func(v float64) string { return pyFloat(round2(v)) }}
	memoryOvercommit = overcommitResource{"memory", "namespace_memory:kube_pod_container_resource_requests:sum{}", "memory", "Memory", prettySize}
)

// overcommit runs Robusta's two queries, the requests' recording rule and
// kube_node_status_allocatable of resource, and reports them. A query
// error is the action's error: Robusta's query raises, so its finding goes
// out without the stats, as it does here.
func overcommit(ctx context.Context, event *api.PrometheusAlertEvent, params TimedPrometheusParams, r overcommitResource) error {
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	// Robusta writes the window as timedelta.seconds, which wraps at a
	// day (86400 seconds become 0s, an invalid query); the whole number
	// of seconds is used here.
	window := fmt.Sprintf("[%ds]", params.DefaultQueryDuration)
	requests, okReq, err := firstValue(ctx, prom, "sum(avg_over_time("+r.requests+window+"))")
	if err != nil {
		return err
	}
	total, okTotal, err := firstValue(ctx, prom, `sum(avg_over_time(kube_node_status_allocatable{resource="`+r.resource+`"}`+window+"))")
	if err != nil {
		return err
	}
	// Robusta's `if not (total and requests)`: a missing or zero value
	// leaves the alert as it came.
	if !okReq || !okTotal || requests == 0 || total == 0 {
		return nil
	}
	event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("*Stats:* Currently the total of your pods requests is: %s, and total of allocatable %s is: %s.",
		r.format(requests), r.stats, r.format(total))))
	api.UpdateFindings(event, func(f *api.Finding) { f.Description = overcommitResilience(r.advice) })
	return nil
}

// firstValue runs an instant query and returns its first sample's value,
// as Robusta's _get_query_value; ok is false when the result is empty.
func firstValue(ctx context.Context, prom api.Prometheus, query string) (v float64, ok bool, err error) {
	samples, err := prom.Query(ctx, query, time.Time{})
	if err != nil {
		return 0, false, fmt.Errorf("querying Prometheus for %s: %w", query, err)
	}
	if len(samples) == 0 {
		return 0, false, nil
	}
	return samples[0].Value, true, nil
}

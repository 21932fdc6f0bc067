package playbooks

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// cpuRate is the rate window of node_cpu_enricher's queries, Robusta's 5m.
const cpuRate = "5m"

// nodeCPUQueries are the PromQL queries of Robusta's NodeCpuAnalyzer for
// one node. Names and addresses are quoted as PromQL strings, and
// escaped in regular expressions: Robusta pastes them in, so a node named
// ip-10-0-0-1.ec2.internal matches other names ('.' is any character).
type nodeCPUQueries struct {
	total, containers, podsShare, podsCores, podsRequests string
}

func newNodeCPUQueries(node *corev1.Node) nodeCPUQueries {
	name := strconv.Quote(node.Name)
	// node-exporter's instance is the node's name or its InternalIP:port.
	instance := regexp.QuoteMeta(node.Name)
	if ip := internalIP(node); ip != "" {
		instance += "|" + regexp.QuoteMeta(ip) + ":.*"
	}
	instance = strconv.Quote(instance)
	idle := func(mode string) string {
		return fmt.Sprintf(`avg by (instance) (rate(node_cpu_seconds_total{mode=%q, instance=~%s}[%s]))`, mode, instance, cpuRate)
	}
	// image!="" keeps the containers' series and drops the pod-level sum,
	// which would count everything twice.
	usage := fmt.Sprintf(`sum(rate(container_cpu_usage_seconds_total{node=%s, pod!="", image!=""}[%s]))`, name, cpuRate)
	perCPU := fmt.Sprintf(` / scalar(sum(machine_cpu_cores{node=%s}))`, name)
	return nodeCPUQueries{
		total:      "1 - " + idle("idle") + " - " + idle("iowait"),
		containers: usage + perCPU,
		podsShare:  usage + " by (pod)" + perCPU,
		podsCores:  usage + " by (pod)",
		// Robusta reads kube_pod_container_resource_requests_cpu_cores,
		// which kube-state-metrics 2.0 (2021) replaced by
		// kube_pod_container_resource_requests{resource="cpu"}: both are
		// read, so old and new exporters give the requests.
		podsRequests: fmt.Sprintf(`sum by (pod) (kube_pod_container_resource_requests{resource="cpu", node=%s} or kube_pod_container_resource_requests_cpu_cores{node=%s})`, name, name),
	}
}

func internalIP(node *corev1.Node) string {
	for _, a := range node.Status.Addresses {
		if a.Type == corev1.NodeInternalIP {
			return a.Address
		}
	}
	return ""
}

// podValue is one pod's value of a "by (pod)" query.
type podValue struct {
	pod   string
	value float64
}

// nodeCPU is what node_cpu_enricher reports: the node's CPU used
// (0-1, of all its CPUs), by containers and by the rest, and per pod its
// share (0-1), its cores and its request (cores).
type nodeCPU struct {
	total, containers float64
	share, cores      []podValue // highest first
	requests          map[string]float64
}

// analyse runs the queries at now. A Prometheus error, or no data for the
// node's totals, is an error: Robusta's analyzer raises then too.
func (q nodeCPUQueries) analyse(ctx context.Context, prom api.Prometheus) (nodeCPU, error) {
	var n nodeCPU
	var err error
	if n.total, err = scalarOf(ctx, prom, q.total, "the node's CPU usage (node-exporter's node_cpu_seconds_total)"); err != nil {
		return n, err
	}
	if n.containers, err = scalarOf(ctx, prom, q.containers, "the containers' CPU usage (cAdvisor's container_cpu_usage_seconds_total)"); err != nil {
		return n, err
	}
	if n.share, err = byPod(ctx, prom, q.podsShare); err != nil {
		return n, err
	}
	if n.cores, err = byPod(ctx, prom, q.podsCores); err != nil {
		return n, err
	}
	requests, err := byPod(ctx, prom, q.podsRequests)
	if err != nil {
		return n, err
	}
	n.requests = map[string]float64{}
	for _, r := range requests {
		n.requests[r.pod] = r.value
	}
	return n, nil
}

func scalarOf(ctx context.Context, prom api.Prometheus, query, what string) (float64, error) {
	v, ok, err := firstValue(ctx, prom, query)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("Prometheus has no data for %s: %s", what, query)
	}
	return v, nil
}

func byPod(ctx context.Context, prom api.Prometheus, query string) ([]podValue, error) {
	samples, err := prom.Query(ctx, query, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("querying Prometheus for %s: %w", query, err)
	}
	out := make([]podValue, 0, len(samples))
	for _, s := range samples {
		out = append(out, podValue{s.Labels["pod"], s.Value})
	}
	slices.SortStableFunc(out, func(a, b podValue) int {
		if c := cmp.Compare(b.value, a.value); c != 0 {
			return c
		}
		return cmp.Compare(a.pod, b.pod)
	})
	return out, nil
}

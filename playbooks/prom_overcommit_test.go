package playbooks_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// The queries Robusta's CpuAnalyzer and MemoryAnalyzer send, with the
// default 600-second window.
const (
	cpuRequestsQuery    = `sum(avg_over_time(namespace_cpu:kube_pod_container_resource_requests:sum{}[600s]))`
	cpuAllocatableQuery = `sum(avg_over_time(kube_node_status_allocatable{resource="cpu"}[600s]))`
	memRequestsQuery    = `sum(avg_over_time(namespace_memory:kube_pod_container_resource_requests:sum{}[600s]))`
	memAllocatableQuery = `sum(avg_over_time(kube_node_status_allocatable{resource="memory"}[600s]))`
)

// promSum is the one sample a sum() query returns: no labels.
func promSum(v float64) api.Sample { return api.Sample{Labels: map[string]string{}, Value: v} }

func overcommitAlert(t *testing.T, name string) *api.PrometheusAlertEvent {
	return apitest.Alert(t, nil, api.Alert{Name: name, Labels: map[string]string{"severity": "warning"},
		Annotations: map[string]string{"description": "Cluster has overcommitted CPU resource requests for Pods by 0.5 CPU shares and cannot tolerate node failure."}})
}

func TestCPUOvercommitedEnricher(t *testing.T) {
	ev := overcommitAlert(t, "KubeCPUOvercommit")
	apitest.NewPrometheus().WithQuery(cpuRequestsQuery, promSum(7.456)).WithQuery(cpuAllocatableQuery, promSum(8)).On(ev)
	res := apitest.Run(t, playbooks.Actions, "cpu_overcommited_enricher", "", ev, nil)
	f := res.Finding(t)
	want := []api.Block{api.MarkdownBlock("*Stats:* Currently the total of your pods requests is: 7.46, and total of allocatable CPU is: 8.0.")}
	// The alert's own description is replaced by Robusta's advice.
	desc := "Your cluster is currently OK, but if a single node fails then some pods might not be scheduled. Add more CPU to your cluster to increase resilience."
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) || f.Description != desc {
		t.Errorf("cpu_overcommited_enricher:\n%s", res)
	}
}

func TestMemoryOvercommitedEnricher(t *testing.T) {
	ev := overcommitAlert(t, "KubeMemoryOvercommit")
	// 15 GiB requested of 15.5 GiB allocatable.
	apitest.NewPrometheus().WithQuery(memRequestsQuery, promSum(15<<30)).WithQuery(memAllocatableQuery, promSum(15.5*(1<<30))).On(ev)
	res := apitest.Run(t, playbooks.Actions, "memory_overcommited_enricher", "", ev, nil)
	f := res.Finding(t)
	want := []api.Block{api.MarkdownBlock("*Stats:* Currently the total of your pods requests is: 15.0 GB, and total of allocatable memory is: 15.5 GB.")}
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) || !strings.HasSuffix(f.Description, "Add more Memory to your cluster to increase resilience.") {
		t.Errorf("memory_overcommited_enricher:\n%s", res)
	}
}

// default_query_duration is the window of both queries.
func TestOvercommitQueryDuration(t *testing.T) {
	ev := overcommitAlert(t, "KubeCPUOvercommit")
	prom := apitest.NewPrometheus().
		WithQuery(`sum(avg_over_time(namespace_cpu:kube_pod_container_resource_requests:sum{}[86400s]))`, promSum(2)).
		WithQuery(`sum(avg_over_time(kube_node_status_allocatable{resource="cpu"}[86400s]))`, promSum(4))
	prom.On(ev)
	// A day: Robusta's timedelta.seconds would make it 0s.
	res := apitest.Run(t, playbooks.Actions, "cpu_overcommited_enricher", `{default_query_duration: 86400}`, ev, nil)
	if res.Err != nil || len(prom.Calls()) != 2 || len(res.Blocks()) != 1 {
		t.Errorf("cpu_overcommited_enricher with a day's window:\n%s\ncalls %v", res, prom.Calls())
	}
}

// An empty result (the recording rule is not there) or a zero total
// leaves the alert as it came, as Robusta's `if not (total and requests)`.
func TestOvercommitWithoutNumbers(t *testing.T) {
	for name, prom := range map[string]*apitest.Prometheus{
		"no recording rule": apitest.NewPrometheus().WithQuery(cpuRequestsQuery).WithQuery(cpuAllocatableQuery, promSum(8)),
		"zero allocatable":  apitest.NewPrometheus().WithQuery(cpuRequestsQuery, promSum(2)).WithQuery(cpuAllocatableQuery, promSum(0)),
	} {
		t.Run(name, func(t *testing.T) {
			ev := overcommitAlert(t, "KubeCPUOvercommit")
			prom.On(ev)
			res := apitest.Run(t, playbooks.Actions, "cpu_overcommited_enricher", "", ev, nil)
			if res.Err != nil || len(res.Findings) != 0 {
				t.Errorf("cpu_overcommited_enricher:\n%s", res)
			}
		})
	}
}

// A Prometheus error fails the action, as Robusta's query raises; the
// alert's finding is not started for it.
func TestOvercommitPrometheusError(t *testing.T) {
	ev := overcommitAlert(t, "KubeMemoryOvercommit")
	boom := errors.New("server error: 503 Service Unavailable")
	apitest.NewPrometheus().WithError(memRequestsQuery, boom).WithQuery(memAllocatableQuery, promSum(8)).On(ev)
	res := apitest.Run(t, playbooks.Actions, "memory_overcommited_enricher", "", ev, nil)
	if !errors.Is(res.Err, boom) || !strings.Contains(res.Err.Error(), "namespace_memory:kube_pod_container_resource_requests:sum") || len(res.Findings) != 0 {
		t.Errorf("memory_overcommited_enricher: want the query's error\n%s", res)
	}
}

// Without prometheus_url both say so in one block and do not fail.
func TestOvercommitPrometheusNotConfigured(t *testing.T) {
	for _, name := range []string{"cpu_overcommited_enricher", "memory_overcommited_enricher"} {
		res := apitest.Run(t, playbooks.Actions, name, "", overcommitAlert(t, "KubeCPUOvercommit"), nil)
		want := []api.Block{api.MarkdownBlock(api.PrometheusNotConfiguredText)}
		if res.Err != nil || !cmp.Equal(res.Blocks(), want) {
			t.Errorf("%s without Prometheus:\n%s", name, res)
		}
	}
}

// prometheus_additional_labels (a multi-cluster Prometheus) reach both
// queries, the empty selector of the recording rule included.
func TestOvercommitAdditionalLabels(t *testing.T) {
	ev := overcommitAlert(t, "KubeCPUOvercommit")
	prom := apitest.NewPrometheus().
		WithQuery(`sum(avg_over_time(namespace_cpu:kube_pod_container_resource_requests:sum{cluster="prod"}[600s]))`, promSum(2)).
		WithQuery(`sum(avg_over_time(kube_node_status_allocatable{resource="cpu", cluster="prod"}[600s]))`, promSum(4))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "cpu_overcommited_enricher", `{prometheus_additional_labels: {cluster: prod}}`, ev, nil)
	if res.Err != nil || len(res.Blocks()) != 1 {
		t.Errorf("cpu_overcommited_enricher with additional labels:\n%s\ncalls %v", res, prom.Calls())
	}
}

package playbooks_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// throttledPod is a pod of the given name whose app container has the
// given resources and whose sidecar has a CPU limit only when
// sidecarLimit; tolerations is YAML (or "[]").
func throttledPod(t *testing.T, name, appResources string, sidecarLimit bool, tolerations string) api.Object {
	sidecar := "{}"
	if sidecarLimit {
		sidecar = "{limits: {cpu: 100m}}"
	}
	return apitest.Object(t, `
apiVersion: v1
kind: Pod
metadata: {name: `+name+`, namespace: kube-system}
spec:
  nodeName: node-1
  tolerations: `+tolerations+`
  containers:
  - {name: app, resources: `+appResources+`}
  - {name: sidecar, resources: `+sidecar+`}
`)
}

// CPUThrottlingHigh as Prometheus' kubernetes-mixin sends it: the
// throttled container is in the container label.
func throttlingAlert(t *testing.T, c *apitest.Cluster, pod, container string) *api.PrometheusAlertEvent {
	labels := map[string]string{"namespace": "kube-system", "pod": pod, "severity": "info"}
	if container != "" {
		labels["container"] = container
	}
	return apitest.Alert(t, c, api.Alert{Name: "CPUThrottlingHigh", Labels: labels})
}

func TestCPUThrottlingAnalysisEnricher(t *testing.T) {
	for name, tc := range map[string]struct {
		pod, resources, container string
		sidecarLimit              bool
		want                      string // a phrase of the first block
	}{
		"cpu limit":                   {"api-0", "{limits: {cpu: 500m}}", "app", false, "This pod is throttled due to its CPU limit."},
		"no limit":                    {"api-0", "{requests: {cpu: 500m}}", "app", false, "using more CPU than its request"},
		"metrics-server with a limit": {"metrics-server-5f9c", "{limits: {cpu: 100m}}", "app", false, "known issue with metrics-server"},
		// Robusta would say "CPU limit" here: the sidecar has one. The
		// alert names app, which has none.
		"only the sidecar is limited": {"api-0", "{requests: {cpu: 500m}}", "app", true, "using more CPU than its request"},
		// Without a container label any container's limit counts, as
		// in Robusta.
		"no container label": {"api-0", "{}", "", true, "This pod is throttled due to its CPU limit."},
	} {
		t.Run(name, func(t *testing.T) {
			pod := throttledPod(t, tc.pod, tc.resources, tc.sidecarLimit, "[]")
			c := apitest.NewCluster(pod)
			res := apitest.Run(t, playbooks.Actions, "cpu_throttling_analysis_enricher", "", throttlingAlert(t, c, tc.pod, tc.container), c)
			blocks := res.Blocks()
			if res.Err != nil || res.Stopped || len(blocks) == 0 {
				t.Fatalf("cpu_throttling_analysis_enricher:\n%s", res)
			}
			first := blocks[0].(api.Markdown).Text
			if !strings.HasPrefix(first, "📘 *Alert Explanation:* ") || !strings.Contains(first, tc.want) {
				t.Errorf("first block %q, want the explanation with %q\n%s", first, tc.want, res)
			}
		})
	}
}

// The limited-pod explanation comes with Robusta's recommendation and
// link, word for word.
func TestCPUThrottlingAnalysisEnricherRecommendation(t *testing.T) {
	pod := throttledPod(t, "api-0", "{limits: {cpu: 500m}}", false, "[]")
	c := apitest.NewCluster(pod)
	res := apitest.Run(t, playbooks.Actions, "cpu_throttling_analysis_enricher", "", throttlingAlert(t, c, "api-0", "app"), c)
	want := "🛠 *Robusta's Recommendation:* Remove this pod's CPU limit entirely. <https://home.robusta.dev/blog/stop-using-cpu-limits/|Using CPU limits is *not* a best practice.>"
	if b := res.Blocks(); len(b) != 2 || b[1] != api.MarkdownBlock(want) {
		t.Errorf("cpu_throttling_analysis_enricher:\n%s", res)
	}
}

// GKE's own metrics-server (it tolerates GKE's managed-components taint)
// is throttled by design: processing stops, nothing is reported.
func TestCPUThrottlingAnalysisEnricherGKEMetricsServer(t *testing.T) {
	pod := throttledPod(t, "metrics-server-v0.7-abc", "{limits: {cpu: 100m}}", false, `[{key: components.gke.io/gke-managed-components, operator: Exists}]`)
	c := apitest.NewCluster(pod)
	res := apitest.Run(t, playbooks.Actions, "cpu_throttling_analysis_enricher", "", throttlingAlert(t, c, "metrics-server-v0.7-abc", "app"), c)
	if res.Err != nil || !res.Stopped || len(res.Findings) != 0 {
		t.Errorf("cpu_throttling_analysis_enricher: want stopped without findings\n%s", res)
	}
}

// An alert whose pod is gone says so as an error, as every pod action.
func TestCPUThrottlingAnalysisEnricherNoPod(t *testing.T) {
	c := apitest.NewCluster()
	res := apitest.Run(t, playbooks.Actions, "cpu_throttling_analysis_enricher", "", throttlingAlert(t, c, "gone-0", "app"), c)
	if res.Err != api.ErrNoPod {
		t.Errorf("cpu_throttling_analysis_enricher: err %v, want %v", res.Err, api.ErrNoPod)
	}
}

package playbooks_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const hpaYAML = `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: prod}
spec:
  maxReplicas: 5
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
status:
  currentReplicas: 3
  desiredReplicas: 5
  currentMetrics:
  - type: Resource
    resource: {name: cpu, current: {averageUtilization: 93}}
`

func hpaAlert(t *testing.T, c *apitest.Cluster) *api.PrometheusAlertEvent {
	return apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeHpaReplicasMismatch", "namespace": "prod", "horizontalpodautoscaler": "web"}})
}

// hpa_mismatch_enricher: the replicas line, then the HPA's events (the
// metrics-server check needs APIServices, which the fake clientset cannot
// read: TestAPIServicesOnAPIServer covers it on a real API server).
func TestHPAMismatchEnricher(t *testing.T) {
	hpa := apitest.Object(t, hpaYAML)
	c := apitest.NewCluster(hpa, event(t, "prod", "HorizontalPodAutoscaler", "web", "Warning", 1))
	res := apitest.Run(t, playbooks.Actions, "hpa_mismatch_enricher", `{check_for_metrics_server: false}`, hpaAlert(t, c), c)
	f := res.Finding(t)
	if res.Err != nil || len(f.Enrichments) != 2 || f.Enrichments[0].Blocks[0] != api.MarkdownBlock("*Replicas: Desired (5) --> Running (3)*") {
		t.Fatalf("hpa_mismatch_enricher:\n%s", res)
	}
	events := f.Enrichments[1]
	if table := events.Blocks[0].(api.Table); events.Title != "HPA Events" || table.Name != "*HPA events:*" || table.Rows[0][0] != "R1" {
		t.Errorf("events:\n%s", res)
	}
	// With the check on, a cluster whose APIServices cannot be read still
	// gets the replicas and events, and the error says why.
	res = apitest.Run(t, playbooks.Actions, "hpa_mismatch_enricher", ``, hpaAlert(t, c), c)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "metrics-server") || len(res.Finding(t).Enrichments) != 2 {
		t.Errorf("metrics-server check without APIServices:\n%s", res)
	}
}

func TestHPAEventsEnricherWithoutHPA(t *testing.T) {
	res := apitest.Run(t, playbooks.Actions, "hpa_events_enricher", ``, alertEvent(t, api.Alert{Name: "KubeHpaMaxedOut"}), nil)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("no HPA:\n%s", res)
	}
}

// alert_on_hpa_reached_limit: only when the replicas changed and the HPA
// wants its maximum; the suggestion is increase_pct more, rounded up.
func TestAlertOnHPAReachedLimit(t *testing.T) {
	hpa := apitest.Object(t, hpaYAML)
	old := apitest.Object(t, strings.Replace(hpaYAML, "currentReplicas: 3", "currentReplicas: 2", 1))
	res := apitest.Run(t, playbooks.Actions, "alert_on_hpa_reached_limit", ``, apitest.Change(t, "on_horizontalpodautoscaler_update", api.OperationUpdate, hpa, old), nil)
	f := res.Finding(t)
	if f.Title != "HPA *web* in namespace *prod* reached max replicas: *5*" || f.Severity != api.SeverityLow || f.AggregationKey != "HpaReachedMaximum" || f.Subject.Name != "web" {
		t.Errorf("finding:\n%s", res)
	}
	s := res.String()
	if !strings.Contains(s, "using *93 %* of the requested cpu") || !strings.Contains(s, "Update HPA max replicas to: 6") {
		t.Errorf("blocks:\n%s", s)
	}
	// Replicas unchanged, or below the maximum: nothing.
	res = apitest.Run(t, playbooks.Actions, "alert_on_hpa_reached_limit", ``, apitest.Change(t, "on_horizontalpodautoscaler_update", api.OperationUpdate, hpa, hpa), nil)
	below := apitest.Object(t, strings.Replace(hpaYAML, "desiredReplicas: 5", "desiredReplicas: 4", 1))
	res2 := apitest.Run(t, playbooks.Actions, "alert_on_hpa_reached_limit", `{increase_pct: 50}`, apitest.Change(t, "on_horizontalpodautoscaler_update", api.OperationUpdate, below, old), nil)
	if len(res.Findings)+len(res2.Findings) != 0 {
		t.Errorf("unchanged:\n%s\nbelow max:\n%s", res, res2)
	}
}

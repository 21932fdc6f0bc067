package playbooks_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// resource_events_enricher on KubeStatefulSetReplicasMismatch (Robusta's
// default, dependent_pod_mode): the statefulset's and its pod's events,
// newest first, with kind and name columns; another object's left out.
func TestResourceEventsEnricher(t *testing.T) {
	ss := apitest.Object(t, statefulSetYAML)
	pod := apitest.Object(t, dbPodYAML)
	c := apitest.NewCluster(ss, pod,
		event(t, "prod", "StatefulSet", "db", "Warning", 1),
		event(t, "prod", "Pod", "db-0", "Warning", 5),
		event(t, "prod", "Pod", "web-0", "Warning", 9),
	)
	alert := func() *api.PrometheusAlertEvent {
		return apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeStatefulSetReplicasMismatch", "namespace": "prod", "statefulset": "db"}})
	}
	res := apitest.Run(t, playbooks.Actions, "resource_events_enricher", `{dependent_pod_mode: true}`, alert(), c)
	want := api.Table{Name: "StatefulSet Events", Headers: []string{"reason", "type", "time", "kind", "name", "message"}, Rows: [][]string{
		{"R5", "Warning", "Jan 02, 2026, 03:05:00 AM", "Pod", "db-0", "m5"},
		{"R1", "Warning", "Jan 02, 2026, 03:01:00 AM", "StatefulSet", "db", "m1"},
	}}
	f := res.Finding(t)
	if diff := cmp.Diff([]api.Block{want}, res.Blocks()); diff != "" || f.Enrichments[0].Title != "Resource Events" {
		t.Errorf("resource_events_enricher (-want +got):\n%s\n%s", diff, res)
	}
	// Without dependent_pod_mode, the statefulset's own; max_events keeps
	// the newest (Robusta cuts before sorting).
	res = apitest.Run(t, playbooks.Actions, "resource_events_enricher", `{max_events: 1, dependent_pod_mode: true}`, alert(), c)
	if rows := res.Blocks()[0].(api.Table).Rows; len(rows) != 1 || rows[0][0] != "R5" {
		t.Errorf("max_events 1 kept %v, want the newest", rows)
	}
	res = apitest.Run(t, playbooks.Actions, "resource_events_enricher", `{}`, alert(), c)
	if rows := res.Blocks()[0].(api.Table).Rows; len(rows) != 1 || rows[0][0] != "R1" {
		t.Errorf("own events %v", rows)
	}
}

func TestResourceEventsEnricherUnsupportedKind(t *testing.T) {
	cm := apitest.Object(t, `{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, namespace: prod}}`)
	res := apitest.Run(t, playbooks.Actions, "resource_events_enricher", ``, apitest.Change(t, "on_configmap_update", api.OperationUpdate, cm, nil), apitest.NewCluster())
	if res.Err == nil {
		t.Errorf("resource_events_enricher on a ConfigMap succeeded:\n%s", res)
	}
}

const deploymentYAML = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: main}]}}
status: {replicas: 2, availableReplicas: 1, unavailableReplicas: 1}
`

// deployment_events_enricher as Robusta's DeploymentReplicasMismatch runs
// it twice: the deployment's warnings, then the events of its pod that is
// not Running.
func TestDeploymentEventsEnricher(t *testing.T) {
	dep := apitest.Object(t, deploymentYAML)
	running := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: web-a, namespace: prod, labels: {app: web}}, status: {phase: Running}}`)
	pending := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: web-b, namespace: prod, labels: {app: web}}, status: {phase: Pending}}`)
	c := apitest.NewCluster(dep, running, pending,
		event(t, "prod", "Deployment", "web", "Warning", 1),
		event(t, "prod", "Deployment", "web", "Normal", 2),
		event(t, "prod", "Pod", "web-a", "Warning", 3),
		event(t, "prod", "Pod", "web-b", "Normal", 4),
	)
	ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeDeploymentReplicasMismatch", "namespace": "prod", "deployment": "web"}})
	apitest.Run(t, playbooks.Actions, "deployment_events_enricher", `{included_types: [Warning]}`, ev, c)
	res := apitest.Run(t, playbooks.Actions, "deployment_events_enricher", `{included_types: [Warning, Normal], dependent_pod_mode: true}`, ev, c)
	f := res.Finding(t)
	if len(f.Enrichments) != 2 {
		t.Fatalf("want two enrichments:\n%s", res)
	}
	first, second := f.Enrichments[0].Blocks[0].(api.Table), f.Enrichments[1].Blocks[0].(api.Table)
	if f.Enrichments[0].Title != "Deployment Events" || first.Name != "Deployment Events" || len(first.Rows) != 1 || first.Rows[0][0] != "R1" {
		t.Errorf("deployment's warnings:\n%s", res)
	}
	if f.Enrichments[1].Title != "Deployment Events" || second.Name != "Pod events for web-b" || len(second.Rows) != 1 || second.Rows[0][0] != "R4" {
		t.Errorf("the pending pod's events:\n%s", res)
	}
}

// resource_events_diff feeds Robusta UI's service map: no sink here has
// one, so it adds nothing and fails nothing.
func TestResourceEventsDiff(t *testing.T) {
	dep := apitest.Object(t, deploymentYAML)
	res := apitest.Run(t, playbooks.Actions, "resource_events_diff", ``, apitest.Change(t, "on_kubernetes_resource_operation", api.OperationUpdate, dep, dep), nil)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("resource_events_diff:\n%s", res)
	}
}

package playbooks_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const statefulSetYAML = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: prod, uid: ss-uid}
spec:
  replicas: 3
  selector: {matchLabels: {app: db}}
  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: main}]}}
status: {replicas: 2, readyReplicas: 1, availableReplicas: 1}
`

const dbPodYAML = `
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: prod, labels: {app: db}, creationTimestamp: "2026-01-02T03:04:05Z"}
spec:
  nodeName: node-1
  containers:
  - {name: main, resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}}
  - {name: sidecar, resources: {requests: {cpu: 250m, memory: 256Mi}}}
status:
  phase: Running
  podIPs: [{ip: 10.0.0.5}]
  containerStatuses: [{name: main, restartCount: 2, ready: true, image: db, imageID: "x"}, {name: sidecar, restartCount: 1, ready: true, image: s, imageID: "y"}]
`

// related_pods on a statefulset alert: the pods its selector selects,
// with Robusta's columns; other namespaces' and other apps' pods left out.
func TestRelatedPods(t *testing.T) {
	ss := apitest.Object(t, statefulSetYAML)
	pod := apitest.Object(t, dbPodYAML)
	other := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: web-0, namespace: prod, labels: {app: web}}}`)
	elsewhere := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: db-0, namespace: dev, labels: {app: db}}}`)
	c := apitest.NewCluster(ss, pod, other, elsewhere)
	ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeStatefulSetUpdateNotRolledOut", "namespace": "prod", "statefulset": "db"}})
	res := apitest.Run(t, playbooks.Actions, "related_pods", `{cluster_name: eu-1}`, ev, c)
	want := api.Table{Name: "related pods", Headers: []string{"name", "namespace", "cluster", "node", "cpu limit", "cpu request", "memory limit", "memory request", "creation_time", "restarts", "addresses", "containers", "status", "status reason"},
		Rows: [][]string{{"db-0", "prod", "eu-1", "node-1", "1.0", "0.5", "512", "512", "2026-01-02T03:04:05Z", "3", "10.0.0.5", "2", "Running", ""}}}
	if diff := cmp.Diff([]api.Block{want}, res.Blocks()); diff != "" || res.Err != nil {
		t.Errorf("related_pods (-want +got):\n%s\n%s", diff, res)
	}

	ev = apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeStatefulSetUpdateNotRolledOut", "namespace": "prod", "statefulset": "db"}})
	res = apitest.Run(t, playbooks.Actions, "related_pods", `{output_format: json}`, ev, c)
	var pods []map[string]any
	if err := json.Unmarshal(res.Blocks()[0].(api.JSON).Data, &pods); err != nil || len(pods) != 1 || pods[0]["name"] != "db-0" || pods[0]["cpuRequest"] != 0.5 ||
		len(pods[0]["containers"].([]any)) != 2 || pods[0]["containers"].([]any)[0].(map[string]any)["restarts"] != 2.0 {
		t.Errorf("json output %v:\n%s", err, res)
	}
}

// A kind without pods is an error saying so, not an empty table.
func TestRelatedPodsUnsupportedKind(t *testing.T) {
	cm := apitest.Object(t, `{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, namespace: prod}}`)
	res := apitest.Run(t, playbooks.Actions, "related_pods", ``, apitest.Change(t, "on_configmap_update", api.OperationUpdate, cm, nil), apitest.NewCluster())
	if res.Err == nil || len(res.Findings) != 0 {
		t.Errorf("related_pods on a ConfigMap: err %v\n%s", res.Err, res)
	}
}

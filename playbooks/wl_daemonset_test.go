package playbooks_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const daemonSetYAML = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: prod, uid: ds-uid}
spec:
  selector: {matchLabels: {app: agent}}
  template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: main}]%s}}
status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 1}
`

func daemonSet(t *testing.T, podSpecExtra string) api.Object {
	return apitest.Object(t, strings.Replace(daemonSetYAML, "%s", podSpecExtra, 1))
}

func TestDaemonsetStatusEnricher(t *testing.T) {
	ds := daemonSet(t, "")
	c := apitest.NewCluster(ds)
	ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeDaemonSetRolloutStuck", "namespace": "prod", "daemonset": "agent"}})
	res := apitest.Run(t, playbooks.Actions, "daemonset_status_enricher", ``, ev, c)
	blocks := res.Blocks()
	want := api.Table{Headers: []string{"field", "value"}, Rows: [][]string{
		{"status.desiredNumberScheduled", "3"}, {"status.currentNumberScheduled", "3"}, {"status.numberAvailable", "2"}, {"status.numberMisscheduled", "1"}}}
	if len(blocks) != 3 || blocks[0] != api.MarkdownBlock("*Daemonset Stats for agent*") || !cmp.Equal(blocks[1], want) {
		t.Errorf("daemonset_status_enricher:\n%s", res)
	}
}

// The known false alarm: a pod of the daemonset on a node the autoscaler
// is removing, and no toleration of its taint. A pod of another owner on
// that node, or the toleration, is no false alarm.
func TestDaemonsetMisscheduledAnalysisEnricher(t *testing.T) {
	tainted := apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: n1}, spec: {taints: [{key: ToBeDeletedByClusterAutoscaler, effect: NoSchedule}]}}`)
	healthy := apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: n2}}`)
	owned := `{apiVersion: v1, kind: Pod, metadata: {name: agent-x, namespace: prod, labels: {app: agent}, ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: ds-uid, controller: true}]}, spec: {nodeName: %s, containers: [{name: main}]}}`
	for _, c := range []struct {
		name, extra, node string
		owner             bool
		want              bool
	}{
		{"false alarm", "", "n1", true, true},
		{"healthy node", "", "n2", true, false},
		{"tolerated", ", tolerations: [{key: ToBeDeletedByClusterAutoscaler, operator: Exists}]", "n1", true, false},
		{"not the daemonset's pod", "", "n1", false, false},
	} {
		ds := daemonSet(t, c.extra)
		podYAML := strings.Replace(owned, "%s", c.node, 1)
		if !c.owner {
			podYAML = strings.Replace(podYAML, "ds-uid", "other-uid", 1)
		}
		cluster := apitest.NewCluster(ds, tainted, healthy, apitest.Object(t, podYAML))
		ev := apitest.Alert(t, cluster, api.Alert{Labels: map[string]string{"alertname": "KubeDaemonSetMisScheduled", "namespace": "prod", "daemonset": "agent"}})
		res := apitest.Run(t, playbooks.Actions, "daemonset_misscheduled_analysis_enricher", ``, ev, cluster)
		got := strings.Contains(res.String(), "*known false alarm*")
		if res.Err != nil || got != c.want {
			t.Errorf("%s: false alarm reported %v, want %v:\n%s", c.name, got, c.want, res)
		}
	}
}

// statefulset_replicas_enricher appends Robusta's sentence to the alert's
// description.
func TestStatefulsetReplicasEnricher(t *testing.T) {
	ss := apitest.Object(t, statefulSetYAML)
	c := apitest.NewCluster(ss)
	ev := apitest.Alert(t, c, api.Alert{
		Labels:      map[string]string{"alertname": "KubeStatefulSetReplicasMismatch", "namespace": "prod", "statefulset": "db"},
		Annotations: map[string]string{"description": "StatefulSet prod/db has not matched the expected number of replicas."},
	})
	res := apitest.Run(t, playbooks.Actions, "statefulset_replicas_enricher", ``, ev, c)
	want := "StatefulSet prod/db has not matched the expected number of replicas. 2 out of 3 replicas were created for this Statefulset. Only 1 replicas are ready."
	if f := res.Finding(t); f.Description != want {
		t.Errorf("description %q, want %q", f.Description, want)
	}
	none := apitest.Object(t, strings.Replace(statefulSetYAML, "readyReplicas: 1", "readyReplicas: 0", 1))
	c = apitest.NewCluster(none)
	ev = apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubeStatefulSetReplicasMismatch", "namespace": "prod", "statefulset": "db"}})
	if f := apitest.Run(t, playbooks.Actions, "statefulset_replicas_enricher", ``, ev, c).Finding(t); !strings.HasSuffix(f.Description, "No replicas are ready.") {
		t.Errorf("description %q", f.Description)
	}
}

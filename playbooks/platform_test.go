package playbooks_test

import (
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// fail_krr_scan logs and sends nothing, with or without the scan's
// annotations (Robusta's failure goes only to its platform).
func TestFailKRRScan(t *testing.T) {
	for _, manifest := range []string{
		`{apiVersion: batch/v1, kind: Job, metadata: {name: krr-job-1, namespace: robusta, labels: {app: krr.robusta.dev}, annotations: {scan-id: "1", start-time: "2026-01-01"}}}`,
		`{apiVersion: batch/v1, kind: Job, metadata: {name: krr-job-2, namespace: robusta}}`,
	} {
		ev := apitest.Change(t, "on_job_failure", api.OperationUpdate, apitest.Object(t, manifest), nil)
		if res := apitest.Run(t, playbooks.Actions, "fail_krr_scan", "", ev, apitest.NewCluster()); res.Err != nil || len(res.Findings) != 0 {
			t.Errorf("fail_krr_scan:\n%s", res)
		}
	}
}

// Bad params the schema cannot see are the action's error, before it
// touches the cluster.
func TestWriteActionsRefuseBadParams(t *testing.T) {
	pod := apitest.Object(t, podYAML)
	c := apitest.NewCluster(pod)
	ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubePodCrashLooping", "namespace": "prod", "pod": "api-0"}})
	res := apitest.Run(t, playbooks.Actions, "delete_alert_pod", `{rate_limit: 60}`, ev, c)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "rate_limit_field must be set") {
		t.Errorf("delete_alert_pod without rate_limit_field:\n%s", res)
	}
	if _, err := c.Kubernetes().CoreV1().Pods("prod").Get(t.Context(), "api-0", metav1.GetOptions{}); err != nil {
		t.Errorf("the pod was deleted: %v", err)
	}
	for params, want := range map[string]string{
		`{krr_args: "--namespace 'prod"}`: "unclosed ' quote",
		`{krr_args: "-f table"}`:          "argument -f is not allowed",
		`{args: "--quiet"}`:               "argument --quiet is not allowed",
	} {
		res := apitest.Run(t, playbooks.Actions, "krr_scan", params, &api.ScheduledEvent{}, apitest.NewCluster())
		if res.Err == nil || !strings.Contains(res.Err.Error(), want) {
			t.Errorf("krr_scan %s: %v, want %q", params, res.Err, want)
		}
	}
}

// Robusta's lightActions name actions a user may run by hand: those of the
// node, KRR and remediation part exist (TestRobustaValuesLoad loads the
// playbooks that use them).
func TestRobustaLightActionsExist(t *testing.T) {
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"delete_pod", "delete_job", "node_disk_analyzer", "node_running_pods_enricher", "node_allocatable_resources_enricher",
		"node_status_enricher", "krr_scan", "drain", "cordon", "uncordon", "rollout_restart"} {
		if _, ok := set.Lookup(name); !ok {
			t.Errorf("no action %s", name)
		}
	}
}

package playbooks_test

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/config"
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

// Robusta's default playbooks that use the node, KRR and maintenance
// actions load unchanged (NodeFSSpaceAlerts with node_disk_analyzer;
// KubeletTooManyPods, KubeNodeNotReady and KubeNodeUnreachable are in
// TestRobustaDefaultWorkloadPlaybooksLoad), the Robusta UI sink left out.
func TestRobustaDefaultPlatformPlaybooksLoad(t *testing.T) {
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	byName := map[string]map[string]any{}
	for _, list := range []string{"builtinPlaybooks", "platformPlaybooks"} {
		for _, pb := range values[list].([]any) {
			m := pb.(map[string]any)
			if name, _ := m["name"].(string); name != "" {
				byName[name] = m
			}
		}
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"NodeFSSpaceAlerts", "KrrJobFailed", "WeeklyKRRScan", "RobustaMaintenance"} {
		pb, ok := byName[name]
		if !ok {
			t.Errorf("%s has no playbook %s", conformance.HelmValuesFile, name)
			continue
		}
		delete(pb, "sinks")
		doc, err := yaml.Marshal(map[string]any{"customPlaybooks": []any{pb}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := config.Load(name+".yaml", doc, set); err != nil {
			t.Errorf("Robusta's %s:\n%v\n%s", name, err, doc)
		}
	}
	// Robusta's lightActions name actions a user may run by hand: those of
	// this part exist.
	for _, name := range []string{"delete_pod", "delete_job", "node_disk_analyzer", "node_running_pods_enricher", "node_allocatable_resources_enricher",
		"node_status_enricher", "krr_scan", "drain", "cordon", "uncordon", "rollout_restart"} {
		if _, ok := set.Lookup(name); !ok {
			t.Errorf("no action %s", name)
		}
	}
}

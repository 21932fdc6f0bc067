package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// derivedMistakes are bad params of the derived triggers and of
// change_filters, with the exact positioned problems Load reports.
var derivedMistakes = []struct {
	name, triggers string
	want           []string
}{{
	name:     "unknown filter with a suggestion",
	triggers: "  - on_pod_crash_loop:\n      restart_cont: 3\n",
	want:     []string{`values.yaml:4:7: unknown filter "restart_cont" for on_pod_crash_loop (did you mean "restart_count"?)`},
}, {
	name:     "wrong type",
	triggers: "  - on_image_pull_backoff:\n      fire_delay: soon\n",
	want:     []string{`values.yaml:4:19: filter "fire_delay" for on_image_pull_backoff: got string, want integer`},
}, {
	name:     "negative rate limit",
	triggers: "  - on_pod_evicted:\n      rate_limit: -1\n",
	want:     []string{`values.yaml:4:19: filter "rate_limit" for on_pod_evicted: got -1, want at least 0`},
}, {
	name:     "derived triggers take no change_filters, as in Robusta",
	triggers: "  - on_pod_oom_killed:\n      change_filters: {include: [spec]}\n",
	want:     []string{`values.yaml:4:7: unknown filter "change_filters" for on_pod_oom_killed`},
}, {
	name:     "an exclude entry with neither key",
	triggers: "  - on_container_oom_killed:\n      exclude: [{}]\n",
	want:     []string{`values.yaml:4:17: filter "exclude[0]" for on_container_oom_killed: empty entry: give name, namespace or both`},
}, {
	name:     "operations only on the plain warning trigger",
	triggers: "  - on_kubernetes_warning_event_create:\n      operations: [create]\n",
	want:     []string{`values.yaml:4:7: unknown filter "operations" for on_kubernetes_warning_event_create`},
}, {
	name:     "unknown operation",
	triggers: "  - on_kubernetes_warning_event:\n      operations: [created]\n",
	want:     []string{`values.yaml:4:20: filter "operations[0]" for on_kubernetes_warning_event: "created" is not one of "create", "update", "delete" (did you mean "create"?)`},
}, {
	name:     "unknown resource",
	triggers: "  - on_kubernetes_resource_operation:\n      resources: [deployment, deploymnt]\n",
	want:     []string{`values.yaml:4:31: filter "resources[1]" for on_kubernetes_resource_operation: unknown resource "deploymnt" (want one of pod, replicaset, daemonset, deployment, statefulset, service, event, horizontalpodautoscaler, node, clusterrole, clusterrolebinding, job, namespace, serviceaccount, persistentvolume, persistentvolumeclaim, networkpolicy, configmap, ingress, secret)`},
}, {
	name:     "change_filters: unknown key",
	triggers: "  - on_deployment_update:\n      change_filters: {includes: [spec]}\n",
	want:     []string{`values.yaml:4:24: unknown filter "change_filters.includes" for on_deployment_update (did you mean "include"?)`},
}, {
	name:     "change_filters: empty ignore path element",
	triggers: "  - on_deployment_update:\n      change_filters: {ignore: [metadata..name]}\n",
	want:     []string{`values.yaml:4:33: filter "change_filters.ignore[0]" for on_deployment_update: empty path`},
}, {
	name:     "attributes: a pair without =",
	triggers: "  - on_pod_update:\n      scope: {include: [{attributes: status.phase}]}\n",
	want:     []string{`values.yaml:4:38: filter "scope.include[0].attributes" for on_pod_update: malformed pair "status.phase": want path=value or path!=value`},
}, {
	name:     "attributes are not an alert's",
	triggers: "  - on_prometheus_alert:\n      scope: {include: [{attributes: a=b}]}\n",
	want:     []string{`values.yaml:4:26: filter "scope.include[0].attributes" for on_prometheus_alert: unknown attribute "attributes"`},
}}

func TestLoadDerivedTriggerMistakes(t *testing.T) {
	for _, tc := range derivedMistakes {
		t.Run(tc.name, func(t *testing.T) {
			values := "customPlaybooks:\n- triggers:\n" + tc.triggers + "  actions:\n  - echo: {}\n"
			cfg, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
			if err == nil {
				t.Fatalf("Load succeeded (%d playbooks), want errors", len(cfg.Playbooks))
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList", err)
			}
			if diff := cmp.Diff(tc.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// The derived triggers load with Robusta's defaults and the values given.
func TestLoadDerivedTriggers(t *testing.T) {
	values := `customPlaybooks:
- triggers:
  - on_pod_crash_loop: {restart_reason: CrashLoopBackOff}
  - on_image_pull_backoff: {}
  - on_pod_oom_killed: {rate_limit: 60, exclude: [{name: batch-, namespace: jobs}]}
  - on_container_oom_killed: null
  - on_pod_evicted: {}
  - on_job_failure: {scope: {include: [{labels: app=krr.robusta.dev}]}}
  - on_kubernetes_warning_event: {operations: [create, update], include: [BackOff]}
  - on_kubernetes_warning_event_delete: {exclude: [NodeSysctlChange]}
  - on_kubernetes_resource_operation: {resources: [Deployment, ingress], operations: [update]}
  - on_deployment_update: {change_filters: {include: [image], ignore: [status]}, scope: {exclude: [{attributes: "spec.replicas=0"}]}}
  actions:
  - echo: {}
`
	cfg, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tr := range cfg.Playbooks[0].Triggers {
		names = append(names, tr.Spec.Name)
	}
	if len(names) != 10 {
		t.Errorf("loaded triggers %q, want all 10", names)
	}
	if got := cfg.Playbooks[0].Triggers[8].Kinds(); !cmp.Equal(got, []string{"Deployment", "Ingress"}) {
		t.Errorf("resource operation kinds = %q", got)
	}
}

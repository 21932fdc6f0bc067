package chart_test

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"

	"github.com/robusta-go/robusta/gen/chart"
)

// TestHelmLintAndTemplate: helm lint --strict and helm template pass on the
// committed stock chart and on a chart generated for another bundle.
func TestHelmLintAndTemplate(t *testing.T) {
	charts := map[string]string{
		"stock":     stockChart(t),
		"generated": writeChart(t, goodBundle(t), chart.WithImage("registry.example/goodpb-runner:1.0.0")),
	}
	for name, dir := range charts {
		t.Run(name, func(t *testing.T) {
			if out, err := helm(t, "lint", "--strict", dir); err != nil {
				t.Fatalf("helm lint: %v\n%s", err, out)
			}
			out, err := helm(t, "template", "rel", dir, "--namespace", "robusta")
			if err != nil {
				t.Fatalf("helm template: %v", err)
			}
			kinds := map[string]bool{}
			for _, o := range parseObjects(t, out) {
				kinds[o.GetKind()] = true
			}
			for _, k := range []string{"Deployment", "Service", "ConfigMap", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "NetworkPolicy", "Secret"} {
				if !kinds[k] {
					t.Errorf("no %s rendered", k)
				}
			}
			if kinds["ServiceMonitor"] {
				t.Error("a ServiceMonitor is rendered by default")
			}
		})
	}
}

const schemaError = "values don't meet the specifications of the schema"

// fullValues sets every chart key away from its default.
const fullValues = `
clusterName: prod
clusterZone: eu-1
nameOverride: rr
fullnameOverride: robusta
image: {repository: registry.example/runner, tag: v2, digest: "sha256:0123abcd", pullPolicy: Always}
imagePullSecrets: [{name: regcred}]
replicas: 3
resources: {requests: {cpu: 50m}}
podAnnotations: {team: sre}
nodeSelector: {kubernetes.io/os: linux}
tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
affinity: {nodeAffinity: {}}
serviceAccount: {create: false, name: existing, annotations: {a: b}}
rbac:
  create: true
  extraRules: [{apiGroups: [""], resources: [services], verbs: [get]}]
runner:
  workers: 2
  queueSize: 10
  actionTimeout: 90s
  shutdownGraceSeconds: 5
  secretEnv: [{name: SLACK_API_KEY, secretName: slack, key: token, optional: true}]
  extraEnv: [{name: LOG_FORMAT, value: json}]
  extraArgs: [--leader-election-lease-duration=30s]
  kubeApiQPS: 7.5
  kubeApiBurst: 15
  tmpSizeLimit: 1Gi
  triggerAllowActions: [echo]
  alertsToken: {secretName: alerts, key: t, allowUnauthenticated: false}
  triggerToken: {secretName: trigger, key: t}
service: {type: NodePort, port: 8080, metricsPort: 9091}
networkPolicy:
  enabled: true
  alertmanager: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}, podSelector: {matchLabels: {app: am}}}
  metricsScraper: {namespaceSelector: {}, podSelector: {matchLabels: {app: prom}}}
  extraApiFrom: [{podSelector: {matchLabels: {role: operator}}}]
serviceMonitor: {enabled: true, interval: 1m, scrapeTimeout: 10s, labels: {release: prom}}
`

// TestHelmSchema: helm template checks the values against the chart's
// schema: the documented examples and every chart key pass; each mistake
// is rejected with helm's schema error at its path.
func TestHelmSchema(t *testing.T) {
	cases := []struct {
		name   string
		values string
		file   string   // read instead of values
		want   []string // nil: accepted
	}{
		{name: "docs example", file: "../../docs/examples/values.yaml"},
		{name: "every chart key", values: fullValues},
		{name: "bad param type", values: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: 5}}]`,
			want: []string{"at '/customPlaybooks/0/actions/0/pod_bash_enricher/bash_command'", "got number, want string"}},
		{name: "unknown action", values: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enrichr: {bash_command: ls}}]`,
			want: []string{"additional properties 'pod_bash_enrichr' not allowed"}},
		{name: "enum violation", values: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{create_finding: {title: t, severity: CRITICAL}}]`,
			want: []string{"at '/customPlaybooks/0/actions/0/create_finding/severity'", "value must be one of 'DEBUG', 'INFO', 'LOW', 'HIGH'"}},
		{name: "incompatible trigger", values: `
customPlaybooks:
- triggers: [{on_deployment_update: {}}]
  actions: [{pod_events_enricher: {}}]`,
			want: []string{"at '/customPlaybooks/0': 'allOf' failed", "invalid propertyName 'on_deployment_update'"}},
		{name: "Robusta's ignored keys and sink keys", values: `
lightActions: [related_pods]
enableHolmesGPT: true
kubewatch: {resources: {pod: true}}
sinksConfig:
- stdout_sink:
    name: out
    send_svg: true
    prefer_redirect_to_platform: false
    activity: {timezone: Europe/Paris, intervals: [{days: [MON], hours: [{start: "09:00", end: "17:00"}]}]}
    mute_intervals: [{start_date: "2026-12-24 18:00", end_date: "2026-12-27 08:00"}]
    grouping: {group_by: [cluster], notification_mode: {summary: {threaded: true}}}`},
		{name: "bad activity hour", values: `
sinksConfig:
- stdout_sink: {name: out, activity: {intervals: [{days: [MON], hours: [{start: "9", end: "17:00"}]}]}}`,
			want: []string{"at '/sinksConfig/0/stdout_sink/activity/intervals/0/hours/0/start'"}},
		{name: "unknown top-level key", values: "replica: 2\n",
			want: []string{"additional properties 'replica' not allowed"}},
		{name: "chart key enum", values: "image: {pullPolicy: Sometimes}\n",
			want: []string{"at '/image/pullPolicy'", "value must be one of 'Always', 'IfNotPresent', 'Never'"}},
		{name: "chart key type", values: "replicas: two\nservice: {port: \"80\"}\n",
			want: []string{"at '/replicas'", "at '/service/port'", "want integer"}},
		{name: "unknown runner key", values: "runner: {worker: 2}\n",
			want: []string{"at '/runner'", "additional properties 'worker' not allowed"}},
		{name: "secretEnv without key", values: "runner: {secretEnv: [{name: TOKEN, secretName: s}]}\n",
			want: []string{"at '/runner/secretEnv/0'", "missing property 'key'"}},
		{name: "bad duration", values: "runner: {actionTimeout: 2 minutes}\n",
			want: []string{"at '/runner/actionTimeout'"}},
		{name: "bad tmp size", values: "runner: {tmpSizeLimit: lots}\n",
			want: []string{"at '/runner/tmpSizeLimit'"}},
		{name: "zero qps", values: "runner: {kubeApiQPS: 0}\n",
			want: []string{"at '/runner/kubeApiQPS'"}},
		{name: "unknown networkPolicy key", values: "networkPolicy: {enable: false}\n",
			want: []string{"at '/networkPolicy'", "additional properties 'enable' not allowed"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			values := c.values
			if c.file != "" {
				data, err := os.ReadFile(c.file) // in this process: see stockChart
				if err != nil {
					t.Fatal(err)
				}
				values = string(data)
			}
			_, err := helm(t, "template", "rel", stockChart(t), "-f", valuesFile(t, values))
			checkVerdict(t, err, c.want)
		})
	}
}

// TestHelmSchemaOfBundle: a generated chart validates its own bundle's
// actions and rejects the built-in ones it does not have.
func TestHelmSchemaOfBundle(t *testing.T) {
	dir := writeChart(t, goodBundle(t))
	cases := []struct {
		name, values string
		want         []string
	}{
		{"own action", `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_oom_killer: {mode: log, delay: 30s, limits: {max_pods: 1}}}]`, nil},
		{"built-in action is unknown here", `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{logs_enricher: {}}]`, []string{"additional properties 'logs_enricher' not allowed"}},
		{"own trigger rule", `
customPlaybooks:
- triggers: [{on_schedule: {fixed_delay_repeat: {repeat: 1, seconds_delay: 10}}}]
  actions: [{pod_oom_killer: {mode: log, delay: 30s, limits: {max_pods: 1}}}]`, []string{"'allOf' failed", "invalid propertyName 'on_schedule'"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := helm(t, "template", "rel", dir, "-f", valuesFile(t, c.values))
			checkVerdict(t, err, c.want)
		})
	}
}

func checkVerdict(t *testing.T, err error, want []string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("want accepted, got: %v", err)
		}
		return
	}
	var he *helmError
	if !errors.As(err, &he) {
		t.Fatalf("want helm's schema error, got %v", err)
	}
	for _, w := range append([]string{schemaError}, want...) {
		if !strings.Contains(he.stderr, w) {
			t.Errorf("the error lacks %q:\n%s", w, he.stderr)
		}
	}
}

// parseObjects decodes helm template's output.
func parseObjects(t *testing.T, manifest string) []*unstructured.Unstructured {
	t.Helper()
	dec := utilyaml.NewYAMLOrJSONDecoder(strings.NewReader(manifest), 4096)
	var objs []*unstructured.Unstructured
	for {
		var m map[string]any
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			return objs
		}
		if err != nil {
			t.Fatalf("decoding the manifest: %v", err)
		}
		if m == nil {
			continue // an empty document
		}
		objs = append(objs, &unstructured.Unstructured{Object: m})
	}
}

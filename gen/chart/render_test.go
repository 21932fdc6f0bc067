package chart_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/runtime/kinds"
)

// rendered is helm template's output for one values file, by kind.
type rendered struct {
	t       *testing.T
	objects map[string][]map[string]any
}

func render(t *testing.T, chartDir, values string) rendered {
	t.Helper()
	out, err := helm(t, "template", "rel", chartDir, "--namespace", "robusta", "-f", valuesFile(t, values))
	if err != nil {
		t.Fatalf("helm template: %v", err)
	}
	r := rendered{t: t, objects: map[string][]map[string]any{}}
	for _, o := range parseObjects(t, out) {
		r.objects[o.GetKind()] = append(r.objects[o.GetKind()], o.Object)
	}
	return r
}

// one converts the only object of kind into out.
func (r rendered) one(kind string, out any) {
	r.t.Helper()
	objs := r.objects[kind]
	if len(objs) != 1 {
		r.t.Fatalf("%d objects of kind %s rendered, want 1", len(objs), kind)
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(objs[0], out); err != nil {
		r.t.Fatal(err)
	}
}

func (r rendered) clusterRules() []rbacv1.PolicyRule {
	var cr rbacv1.ClusterRole
	r.one("ClusterRole", &cr)
	return cr.Rules
}

func (r rendered) deployment() appsv1.Deployment {
	var d appsv1.Deployment
	r.one("Deployment", &d)
	return d
}

func rule(group, resource string, verbs ...string) rbacv1.PolicyRule {
	return rbacv1.PolicyRule{APIGroups: []string{group}, Resources: []string{resource}, Verbs: verbs}
}

func TestClusterRoleFromConfiguredTriggers(t *testing.T) {
	var anyResource []rbacv1.PolicyRule
	for _, k := range kinds.All {
		anyResource = append(anyResource, rule(k.Group, k.Resource, "get", "list", "watch"))
	}
	slices.SortFunc(anyResource, func(a, b rbacv1.PolicyRule) int {
		return strings.Compare(a.APIGroups[0]+" "+a.Resources[0], b.APIGroups[0]+" "+b.Resources[0])
	})
	cases := []struct {
		name, values string
		want         []rbacv1.PolicyRule
	}{
		// Robusta's default playbooks: pods, their logs, events and nodes.
		{"defaults", "", []rbacv1.PolicyRule{rule("", "events", "list"), rule("", "nodes", "get"),
			rule("", "pods", "get", "list", "watch"), rule("", "pods/log", "get")}},
		{"no playbooks: nothing", "builtinPlaybooks: []", []rbacv1.PolicyRule{}},
		{"pod trigger and logs action", `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{logs_enricher: {}}]`,
			[]rbacv1.PolicyRule{rule("", "pods", "get", "list", "watch"), rule("", "pods/log", "get")}},
		{"exec action", `
customPlaybooks:
- triggers: [{on_pod_create: {}}]
  actions: [{pod_bash_enricher: {bash_command: ps}}, {pod_events_enricher: {}}]`,
			[]rbacv1.PolicyRule{rule("", "events", "list"), rule("", "pods", "get", "list", "watch"), rule("", "pods/exec", "create", "get")}},
		{"alerts and schedules", `
customPlaybooks:
- triggers: [{on_prometheus_alert: {}}]
  actions: [{echo: {message: hi}}]
- triggers: [{on_schedule: {fixed_delay_repeat: {repeat: 1, seconds_delay: 60}}}]
  actions: [{echo: {message: tick}}]`,
			[]rbacv1.PolicyRule{rule("", "nodes", "get", "list"), rule("", "pods", "get"), rule("apps", "daemonsets", "get"),
				rule("apps", "deployments", "get"), rule("apps", "statefulsets", "get"), rule("autoscaling", "horizontalpodautoscalers", "get"), rule("batch", "jobs", "get")}},
		{"any resource", `
customPlaybooks:
- triggers: [{on_kubernetes_any_resource_update: {}}]
  actions: [{resource_babysitter: {}}]`, anyResource},
		{"resource operation: every kind", `
customPlaybooks:
- triggers: [{on_kubernetes_resource_operation: {}}]
  actions: [{resource_babysitter: {}}]`, anyResource},
		// Robusta's K8sChangeTracking: its resources narrow the watch, so
		// enabling the platform playbooks does not grant Secrets.
		{"resource operation narrowed by resources", `
customPlaybooks:
- triggers: [{on_kubernetes_resource_operation: {resources: [Deployment, daemonset]}}]
  actions: [{resource_babysitter: {}}]`,
			[]rbacv1.PolicyRule{rule("apps", "daemonsets", "get", "list", "watch"), rule("apps", "deployments", "get", "list", "watch")}},
		// customResources are granted as listed; a resources entry naming
		// one adds nothing of runtime/kinds.
		{"custom resources", `
customResources:
- {group: example.com, version: v1, resource: widgets, kind: Widget}
- {group: cert-manager.io, version: v1, resource: certificates}
customPlaybooks:
- triggers: [{on_kubernetes_resource_operation: {resources: [widget, certificates.cert-manager.io]}}]
  actions: [{resource_babysitter: {}}]`,
			[]rbacv1.PolicyRule{rule("cert-manager.io", "certificates", "get", "list", "watch"), rule("example.com", "widgets", "get", "list", "watch")}},
		{"every list; disabled and platform playbooks need nothing", `
priorityBuiltinPlaybooks:
- triggers: [{on_node_update: {}}]
  actions: [{echo: {message: a}}]
namedCustomPlaybooks:
  team-a:
  - triggers: [{on_job_create: {}}]
    actions: [{echo: {message: b}}]
builtinPlaybooks:
- name: Quiet
  triggers: [{on_secret_update: {}}]
  actions: [{echo: {message: c}}]
platformPlaybooks:
- triggers: [{on_ingress_update: {}}]
  actions: [{echo: {message: d}}]
disabledPlaybooks: [Quiet]`,
			[]rbacv1.PolicyRule{rule("", "nodes", "get", "list", "watch"), rule("batch", "jobs", "get", "list", "watch")}},
		{"a sink scoped on namespace_labels lists namespaces", `
sinksConfig:
- stdout_sink: {name: a, scope: {include: [{namespace_labels: "team=a"}]}}
- stdout_sink: {name: b, scope: {exclude: [{kind: pod}]}}
customPlaybooks:
- triggers: [{on_job_create: {}}]
  actions: [{echo: {message: b}}]`,
			[]rbacv1.PolicyRule{rule("", "namespaces", "list"), rule("batch", "jobs", "get", "list", "watch")}},
		{"platform playbooks when enabled, and extra rules", `
enablePlatformPlaybooks: true
platformPlaybooks:
- triggers: [{on_ingress_update: {}}]
  actions: [{echo: {message: d}}]
rbac:
  extraRules: [{apiGroups: [""], resources: [services], verbs: [get]}]`,
			[]rbacv1.PolicyRule{rule("networking.k8s.io", "ingresses", "get", "list", "watch"), rule("", "services", "get")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			values := c.values
			if c.name != "defaults" && !strings.Contains(values, "builtinPlaybooks:") {
				values += "\nbuiltinPlaybooks: []" // the cases' own playbooks only
			}
			got := render(t, stockChart(t), values).clusterRules()
			if got == nil {
				got = []rbacv1.PolicyRule{}
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("ClusterRole rules (-want +got):\n%s", diff)
			}
		})
	}
}

// TestClusterRoleOfBundle: package-level rules always, per-action rules
// with the action, merged per resource.
func TestClusterRoleOfBundle(t *testing.T) {
	dir := writeChart(t, goodBundle(t))
	pkg := []rbacv1.PolicyRule{rule("", "pods", "get", "list", "watch"), rule("", "pods/log", "get", "list", "watch")}
	if diff := cmp.Diff(pkg, render(t, dir, "").clusterRules()); diff != "" {
		t.Errorf("no playbooks (-want +got):\n%s", diff)
	}
	got := render(t, dir, `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_oom_killer: {mode: log, delay: 30s, limits: {max_pods: 1}}}]`).clusterRules()
	want := []rbacv1.PolicyRule{rule("", "pods", "delete", "get", "list", "watch"), rule("", "pods/log", "get", "list", "watch")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("with pod_oom_killer (-want +got):\n%s", diff)
	}
}

func TestLeaderElection(t *testing.T) {
	for _, replicas := range []int{1, 2} {
		r := render(t, stockChart(t), "replicas: "+strconv.Itoa(replicas)+"\n")
		d := r.deployment()
		args := d.Spec.Template.Spec.Containers[0].Args
		var role rbacv1.Role
		r.one("Role", &role)
		leases := slices.ContainsFunc(role.Rules, func(p rbacv1.PolicyRule) bool { return slices.Contains(p.Resources, "leases") })
		elect := slices.Contains(args, "--leader-elect") && slices.Contains(args, "--leader-election-id=rel-robusta-runner")
		if want := replicas > 1; elect != want || leases != want {
			t.Errorf("replicas %d: leader election flags %v, lease rules %v; want %v (args %q)", replicas, elect, leases, want, args)
		}
		if replicas > 1 && (d.Spec.Strategy.RollingUpdate == nil || d.Spec.Strategy.RollingUpdate.MaxUnavailable.String() != "100%") {
			t.Errorf("replicas %d: strategy %+v; an update must not wait for unready followers", replicas, d.Spec.Strategy)
		}
	}
}

func TestRunnerConfig(t *testing.T) {
	const values = `
clusterName: prod
sinksConfig:
- slack_sink: {name: team, slack_channel: alerts, api_key: "{{ env.SLACK_API_KEY }}"}
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{echo: {message: "pod {{ env.X }}"}}]
runner:
  secretEnv: [{name: SLACK_API_KEY, secretName: slack, key: token}]
  extraEnv: [{name: X, value: "1"}]
  alertsToken: {secretName: alerts}
replicas: 1
alertRelabel: [{source: pod_name, target: pod, operation: add}]
`
	r := render(t, stockChart(t), values)
	var cm corev1.ConfigMap
	r.one("ConfigMap", &cm)
	var cfg map[string]any
	if err := yaml.Unmarshal([]byte(cm.Data["values.yaml"]), &cfg); err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range cfg {
			if !yield(k) {
				return
			}
		}
	})
	wantKeys := []string{"alertRelabel", "builtinPlaybooks", "customPlaybooks", "customResources", "disabledPlaybooks", "enablePlatformPlaybooks", "globalConfig",
		"namedCustomPlaybooks", "platformPlaybooks", "priorityBuiltinPlaybooks", "sinksConfig"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("config keys %v, want the runner's %v", keys, wantKeys)
	}
	if !strings.Contains(cm.Data["values.yaml"], `api_key: '{{ env.SLACK_API_KEY }}'`) || !strings.Contains(cm.Data["values.yaml"], `message: pod {{ env.X }}`) {
		t.Errorf("{{ env.NAME }} did not reach the config as written:\n%s", cm.Data["values.yaml"])
	}
	if rl, _ := cfg["alertRelabel"].([]any); len(rl) != 1 {
		t.Errorf("alertRelabel = %v; want the one rule of the values", cfg["alertRelabel"])
	}
	if g := cfg["globalConfig"].(map[string]any); g["cluster_name"] != "prod" {
		t.Errorf("globalConfig = %v; want cluster_name from clusterName", g)
	}

	d := r.deployment()
	pod := d.Spec.Template.Spec
	c := pod.Containers[0]
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}
	if ref := env["SLACK_API_KEY"].ValueFrom; ref == nil || ref.SecretKeyRef == nil || ref.SecretKeyRef.Name != "slack" || ref.SecretKeyRef.Key != "token" {
		t.Errorf("SLACK_API_KEY = %+v; want secret slack, key token", env["SLACK_API_KEY"])
	}
	if env["X"].Value != "1" || env["POD_NAMESPACE"].ValueFrom == nil {
		t.Errorf("env = %+v", c.Env)
	}
	if !slices.Contains(c.Args, "--alerts-token-file=/var/run/robusta/alerts-token/token") || !slices.Contains(c.Args, "--config=/etc/robusta/values.yaml") {
		t.Errorf("args = %q", c.Args)
	}
	sc := c.SecurityContext
	if sc == nil || !*sc.ReadOnlyRootFilesystem || *sc.AllowPrivilegeEscalation || !*sc.RunAsNonRoot ||
		!slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) || sc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("container securityContext = %+v", sc)
	}
	if p := pod.SecurityContext; p == nil || *p.RunAsUser != 65532 || *p.RunAsGroup != 65532 || p.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("pod securityContext = %+v", p)
	}
	if c.LivenessProbe.HTTPGet.Path != "/healthz" || c.ReadinessProbe.HTTPGet.Path != "/readyz" {
		t.Errorf("probes: liveness %s, readiness %s", c.LivenessProbe.HTTPGet.Path, c.ReadinessProbe.HTTPGet.Path)
	}

	// A changed config does not roll the pods: the runner reloads the
	// ConfigMap in place, so the pod template must not change with it.
	other := render(t, stockChart(t), strings.Replace(values, "clusterName: prod", "clusterName: staging", 1))
	if diff := cmp.Diff(d.Spec.Template, other.deployment().Spec.Template); diff != "" {
		t.Errorf("a config change changed the pod template (a rollout):\n%s", diff)
	}
	if cmp.Equal(r.objects["ConfigMap"], other.objects["ConfigMap"]) {
		t.Error("the config change did not reach the ConfigMap")
	}
}

func TestRBACCreateFalse(t *testing.T) {
	r := render(t, stockChart(t), "rbac: {create: false}\nserviceAccount: {create: false, name: mine}\n")
	for _, k := range []string{"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "ServiceAccount"} {
		if len(r.objects[k]) != 0 {
			t.Errorf("%s rendered with rbac.create and serviceAccount.create false", k)
		}
	}
	if sa := r.deployment().Spec.Template.Spec.ServiceAccountName; sa != "mine" {
		t.Errorf("serviceAccountName = %q", sa)
	}
}

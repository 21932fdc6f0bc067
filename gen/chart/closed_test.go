package chart_test

import (
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

// With the defaults the chart closes the runner: both API tokens are
// generated into one Secret and mounted, the runner is told to use them,
// and a NetworkPolicy admits only Alertmanager to the API port and
// Prometheus to the metrics port, where the probes are.
func TestClosedByDefault(t *testing.T) {
	r := render(t, stockChart(t), "")
	var sec corev1.Secret
	r.one("Secret", &sec)
	if sec.Name != "rel-robusta-runner-tokens" || len(sec.Data["alerts-token"]) != 40 || len(sec.Data["trigger-token"]) != 40 {
		t.Errorf("Secret %s with keys %v, want rel-robusta-runner-tokens with 40-character alerts-token and trigger-token", sec.Name, keysOf(sec.Data))
	}
	d := r.deployment()
	c := d.Spec.Template.Spec.Containers[0]
	for _, arg := range []string{"--trigger-token-file=/var/run/robusta/trigger-token/token", "--alerts-token-file=/var/run/robusta/alerts-token/token",
		"--listen=:5000", "--metrics-listen=:9090", "--kube-api-qps=20", "--kube-api-burst=40"} {
		if !slices.Contains(c.Args, arg) {
			t.Errorf("args lack %s: %q", arg, c.Args)
		}
	}
	if slices.Contains(c.Args, "--alerts-allow-unauthenticated") {
		t.Errorf("args open /api/alerts by default: %q", c.Args)
	}
	tokens := map[string]string{}
	for _, v := range d.Spec.Template.Spec.Volumes {
		if v.Secret != nil {
			tokens[v.Name] = v.Secret.SecretName + "/" + v.Secret.Items[0].Key
		}
	}
	if tokens["alerts-token"] != "rel-robusta-runner-tokens/alerts-token" || tokens["trigger-token"] != "rel-robusta-runner-tokens/trigger-token" {
		t.Errorf("token volumes %v, want the generated Secret's keys", tokens)
	}
	if c.LivenessProbe.HTTPGet.Port.String() != "metrics" || c.ReadinessProbe.HTTPGet.Port.String() != "metrics" {
		t.Errorf("probes on %s and %s, want the metrics port", c.LivenessProbe.HTTPGet.Port.String(), c.ReadinessProbe.HTTPGet.Port.String())
	}
	var svc corev1.Service
	r.one("Service", &svc)
	ports := map[string]string{}
	for _, p := range svc.Spec.Ports {
		ports[p.Name] = p.TargetPort.String()
	}
	if ports["http"] != "http" || ports["metrics"] != "metrics" {
		t.Errorf("Service ports %v, want http and metrics", ports)
	}

	var np networkingv1.NetworkPolicy
	r.one("NetworkPolicy", &np)
	if got := np.Spec.PodSelector.MatchLabels; got["app.kubernetes.io/instance"] != "rel" || got["app.kubernetes.io/name"] != "robusta-runner" {
		t.Errorf("NetworkPolicy selects %v, want the runner's pods", got)
	}
	if len(np.Spec.Ingress) != 2 {
		t.Fatalf("%d ingress rules, want 2: %+v", len(np.Spec.Ingress), np.Spec.Ingress)
	}
	for i, want := range []struct{ port, app string }{{"http", "alertmanager"}, {"metrics", "prometheus"}} {
		in := np.Spec.Ingress[i]
		if len(in.Ports) != 1 || in.Ports[0].Port.String() != want.port || len(in.From) != 1 ||
			in.From[0].PodSelector.MatchLabels["app.kubernetes.io/name"] != want.app || in.From[0].NamespaceSelector == nil {
			t.Errorf("ingress %d: %+v, want port %s from %s pods of any namespace", i, in, want.port, want.app)
		}
	}
}

// One replica is replaced with Recreate, so that an update never runs two
// runners; /tmp has a size limit.
func TestRecreateAndTmpLimit(t *testing.T) {
	d := render(t, stockChart(t), "runner: {tmpSizeLimit: 64Mi}\n").deployment()
	if d.Spec.Strategy.Type != appsv1.RecreateDeploymentStrategyType {
		t.Errorf("strategy %+v, want Recreate with one replica", d.Spec.Strategy)
	}
	for _, v := range d.Spec.Template.Spec.Volumes {
		if v.Name == "tmp" && (v.EmptyDir == nil || v.EmptyDir.SizeLimit == nil || v.EmptyDir.SizeLimit.String() != "64Mi") {
			t.Errorf("tmp volume %+v, want an emptyDir limited to 64Mi", v)
		}
	}
	if d.Spec.Template.Spec.TerminationGracePeriodSeconds == nil || *d.Spec.Template.Spec.TerminationGracePeriodSeconds != 50 {
		t.Errorf("terminationGracePeriodSeconds %v, want 30 + 20 (HTTP and flush budgets)", d.Spec.Template.Spec.TerminationGracePeriodSeconds)
	}
}

// Named Secrets replace the generated ones; alerts may be opened
// explicitly; the NetworkPolicy can be turned off and extended.
func TestTokenAndPolicyChoices(t *testing.T) {
	r := render(t, stockChart(t), `
runner:
  alertsToken: {allowUnauthenticated: true}
  triggerToken: {secretName: mine, key: k}
  triggerAllowActions: [echo, logs_enricher]
networkPolicy: {enabled: false}
`)
	if n := len(r.objects["Secret"]); n != 0 {
		t.Errorf("%d Secrets rendered, want none: every token is given or not wanted", n)
	}
	if n := len(r.objects["NetworkPolicy"]); n != 0 {
		t.Errorf("a NetworkPolicy rendered with networkPolicy.enabled false")
	}
	c := r.deployment().Spec.Template.Spec.Containers[0]
	for _, arg := range []string{"--alerts-allow-unauthenticated", "--trigger-token-file=/var/run/robusta/trigger-token/token", "--trigger-allow-actions=echo,logs_enricher"} {
		if !slices.Contains(c.Args, arg) {
			t.Errorf("args lack %s: %q", arg, c.Args)
		}
	}
	if slices.ContainsFunc(c.Args, func(a string) bool { return strings.HasPrefix(a, "--alerts-token-file") }) {
		t.Errorf("args have an alerts token file with allowUnauthenticated: %q", c.Args)
	}

	r = render(t, stockChart(t), "runner: {triggerToken: {secretName: mine}}\nnetworkPolicy: {extraApiFrom: [{podSelector: {matchLabels: {role: ops}}}]}\n")
	var sec corev1.Secret
	r.one("Secret", &sec)
	if _, ok := sec.Data["trigger-token"]; ok || len(sec.Data["alerts-token"]) == 0 {
		t.Errorf("generated Secret has %v, want only alerts-token", keysOf(sec.Data))
	}
	var np networkingv1.NetworkPolicy
	r.one("NetworkPolicy", &np)
	if from := np.Spec.Ingress[0].From; len(from) != 2 || from[1].PodSelector.MatchLabels["role"] != "ops" {
		t.Errorf("API port admits %+v, want Alertmanager and role=ops", from)
	}
}

func keysOf(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

package playbooks_test

import (
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// Each silencer either stops the event (Result.Stopped) or leaves it
// going, and adds no finding of its own either way.

func silenced(t *testing.T, action, params string, ev api.ExecutionEvent, c *apitest.Cluster) bool {
	t.Helper()
	res := apitest.Run(t, playbooks.Actions, action, params, ev, c)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Fatalf("%s %s:\n%s", action, params, res)
	}
	return res.Stopped
}

func alert(t *testing.T, c *apitest.Cluster, name string, labels map[string]string) *api.PrometheusAlertEvent {
	t.Helper()
	l := map[string]string{"alertname": name}
	for k, v := range labels {
		l[k] = v
	}
	return apitest.Alert(t, c, api.Alert{Labels: l})
}

func TestNameSilencer(t *testing.T) {
	names := `{names: ["Watchdog", "InfoInhibitor"]}`
	if !silenced(t, "name_silencer", names, alert(t, nil, "Watchdog", nil), nil) {
		t.Error("Watchdog, named: not silenced")
	}
	if silenced(t, "name_silencer", names, alert(t, nil, "WatchdogX", nil), nil) {
		t.Error("WatchdogX, not named (names are exact): silenced")
	}
}

func TestSilenceAlert(t *testing.T) {
	for _, params := range []string{`{}`, `{log_silence: true}`} {
		if !silenced(t, "silence_alert", params, alert(t, nil, "CPUThrottlingHigh", nil), nil) {
			t.Errorf("silence_alert %s: not silenced", params)
		}
	}
}

func TestSeveritySilencer(t *testing.T) {
	cases := []struct {
		params, severity string
		want             bool
	}{
		{`{severity: warning}`, "warning", true},
		{`{severity: warning}`, "critical", false},
		{`{severity: warning}`, "Warning", false}, // exact, as Robusta
		{`{}`, "none", true},                      // the default
		{`{}`, "", false},                         // no label at all is not "none"
	}
	for _, c := range cases {
		labels := map[string]string{}
		if c.severity != "" {
			labels["severity"] = c.severity
		}
		if got := silenced(t, "severity_silencer", c.params, alert(t, nil, "KubePodNotReady", labels), nil); got != c.want {
			t.Errorf("severity_silencer %s on severity %q: silenced %v, want %v", c.params, c.severity, got, c.want)
		}
	}
}

func TestPodStatusSilencer(t *testing.T) {
	cases := []struct {
		params, phase string
		want          bool
	}{
		{`{include: [Pending]}`, "Pending", false},
		{`{include: [Pending]}`, "Running", true},
		{`{exclude: [Unknown, Failed]}`, "Failed", true},
		{`{exclude: [Unknown, Failed]}`, "Running", false},
		{`{include: [Running, Failed], exclude: [Failed]}`, "Failed", true},
		{`{}`, "Running", false},
	}
	for _, c := range cases {
		pod := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: api-0, namespace: prod}, status: {phase: `+c.phase+`}}`)
		ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
		if got := silenced(t, "pod_status_silencer", c.params, ev, nil); got != c.want {
			t.Errorf("pod_status_silencer %s on a %s pod: silenced %v, want %v", c.params, c.phase, got, c.want)
		}
	}
	// An alert resolved to its pod is silenced by the pod's phase too.
	pod := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: api-0, namespace: prod}, status: {phase: Pending}}`)
	c := apitest.NewCluster(pod)
	if !silenced(t, "pod_status_silencer", `{exclude: [Pending]}`, alert(t, c, "KubePodNotReady", map[string]string{"namespace": "prod", "pod": "api-0"}), c) {
		t.Error("an alert on a Pending pod, Pending excluded: not silenced")
	}
	// Without a pod nothing is known: the alert goes on.
	if silenced(t, "pod_status_silencer", `{include: [Running]}`, alert(t, nil, "KubeNodeNotReady", nil), nil) {
		t.Error("an alert without a pod: silenced")
	}
}

func TestNodeRestartSilencer(t *testing.T) {
	const podOnNode = `{apiVersion: v1, kind: Pod, metadata: {name: api-0, namespace: prod}, spec: {nodeName: node-1}}`
	labels := map[string]string{"namespace": "prod", "pod": "api-0"}
	node := func(ready, created time.Duration) api.Object {
		conds := ""
		if ready != 0 {
			conds = `, status: {conditions: [{type: Ready, status: "True", lastTransitionTime: "` + time.Now().Add(-ready).UTC().Format(time.RFC3339) + `"}]}`
		}
		return apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1, creationTimestamp: "`+time.Now().Add(-created).UTC().Format(time.RFC3339)+`"}`+conds+`}`)
	}
	cases := []struct {
		name   string
		params string
		node   api.Object
		want   bool
	}{
		// The margins are minutes, so the test's own run time cannot flip them.
		{"ready a minute ago", `{}`, node(time.Minute, 100*time.Hour), true},
		{"ready an hour ago", `{}`, node(time.Hour, 100*time.Hour), false},
		{"ready an hour ago, 2h silence", `{post_restart_silence: 7200}`, node(time.Hour, 100*time.Hour), true},
		{"no Ready condition, created a minute ago", `{}`, node(0, time.Minute), true},
		{"no Ready condition, created long ago", `{}`, node(0, 100*time.Hour), false},
	}
	for _, tc := range cases {
		c := apitest.NewCluster(apitest.Object(t, podOnNode), tc.node)
		if got := silenced(t, "node_restart_silencer", tc.params, alert(t, c, "KubePodCrashLooping", labels), c); got != tc.want {
			t.Errorf("%s: silenced %v, want %v", tc.name, got, tc.want)
		}
	}
	// Node alerts (no pod) are never silenced. Without a cluster, a read
	// would fail the run: they read nothing.
	c := apitest.NewCluster(node(time.Minute, time.Minute))
	if silenced(t, "node_restart_silencer", `{}`, alert(t, c, "KubeNodeNotReady", map[string]string{"node": "node-1"}), nil) {
		t.Error("an alert without a pod: silenced")
	}
	// A pod whose node is gone: nothing to compare with, the alert goes on.
	c = apitest.NewCluster(apitest.Object(t, podOnNode))
	if silenced(t, "node_restart_silencer", `{}`, alert(t, c, "KubePodCrashLooping", labels), c) {
		t.Error("a pod whose node is gone: silenced")
	}
}

func TestTargetDownDNSSilencer(t *testing.T) {
	svc := func(name string) api.Object {
		return apitest.Object(t, `{apiVersion: v1, kind: Service, metadata: {name: `+name+`, namespace: kube-system}}`)
	}
	deploy := func(labels string) api.Object {
		return apitest.Object(t, `{apiVersion: apps/v1, kind: Deployment, metadata: {name: dns, namespace: kube-system, labels: {`+labels+`}}}`)
	}
	target := func(job string) map[string]string {
		return map[string]string{"job": job, "service": "prom-" + job, "namespace": "kube-system"}
	}
	cases := []struct {
		name string
		job  string
		objs []api.Object
		want bool
	}{
		{"coredns, its service exists", "coredns", []api.Object{svc("prom-coredns"), deploy("k8s-app: coredns")}, false},
		{"coredns, no such service", "coredns", []api.Object{svc("other")}, true},
		{"coredns, kube-dns deployed instead", "coredns", []api.Object{svc("prom-coredns"), deploy("k8s-app: kube-dns")}, true},
		{"kube-dns, coredns deployed instead (app.kubernetes.io/name)", "kube-dns", []api.Object{svc("prom-kube-dns"), deploy("app.kubernetes.io/name: coredns")}, true},
		{"kube-dns, coredns deployed instead (app)", "kube-dns", []api.Object{svc("prom-kube-dns"), deploy("app: coredns")}, true},
		{"kube-dns, its service exists", "kube-dns", []api.Object{svc("prom-kube-dns")}, false},
	}
	for _, tc := range cases {
		var objs []runtime.Object
		for _, o := range tc.objs {
			objs = append(objs, o)
		}
		c := apitest.NewCluster(objs...)
		if got := silenced(t, "target_down_dns_silencer", "", alert(t, c, "TargetDown", target(tc.job)), c); got != tc.want {
			t.Errorf("%s: silenced %v, want %v", tc.name, got, tc.want)
		}
	}
	// Other jobs' TargetDown is left alone without a read: without a
	// cluster, a read would fail the run.
	if silenced(t, "target_down_dns_silencer", "", alert(t, nil, "TargetDown", target("node-exporter")), nil) {
		t.Error("node-exporter's TargetDown: silenced")
	}
}

package runner_test

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// Both playbooks fire on PodDown; Firing only while it fires (the default
// status filter), All on resolved alerts too.
const alertPlaybooks = `customPlaybooks:
- name: Firing
  triggers: [{on_prometheus_alert: {alert_name: PodDown}}]
  actions: [{create_finding: {title: "firing $namespace/$name"}}, {echo: {message: "seen"}}]
- name: All
  triggers: [{on_prometheus_alert: {alert_name: PodDown, status: all}}]
  actions: [{create_finding: {title: "all $namespace/$name"}}]
`

// alertBody is an Alertmanager webhook message with one PodDown alert about
// the pod ns/name, firing since start or resolved an hour later.
func alertBody(t *testing.T, status, ns, name string) string {
	t.Helper()
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	end := time.Time{}
	if status == "resolved" {
		end = start.Add(time.Hour)
	}
	labels := map[string]string{"alertname": "PodDown", "namespace": ns, "pod": name, "severity": "critical"}
	b, err := json.Marshal(map[string]any{
		"version": "4", "groupKey": `{}:{alertname="PodDown"}`, "status": status, "receiver": "robusta",
		"groupLabels": map[string]string{"alertname": "PodDown"}, "commonLabels": labels,
		"commonAnnotations": map[string]string{}, "externalURL": "http://alertmanager:9093", "truncatedAlerts": 0,
		"alerts": []map[string]any{{
			"status": status, "labels": labels, "annotations": map[string]string{"summary": "pod down"},
			"startsAt": start, "endsAt": end, "generatorURL": "http://prometheus/graph", "fingerprint": "0123456789abcdef",
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// postAlerts posts body to the runner's /api/alerts with the headers given
// as name, value pairs.
func (p *proc) postAlerts(t *testing.T, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+p.Addr+"/api/alerts", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST /api/alerts: %v", err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, strings.TrimSpace(string(out))
}

// alerted is what create_finding writes for alertBody's alert about pod:
// the subject carries the alert's labels and annotations merged over the
// pod's, as Robusta's. Its aggregation key is the title's template:
// create_finding's default.
func alerted(playbook string, actions []string, title, key string, pod *corev1.Pod, e ...enrichment) finding {
	s := subjectOf("Pod", pod)
	s.Node = pod.Spec.NodeName
	s.Labels = maps.Clone(s.Labels)
	maps.Copy(s.Labels, map[string]string{"alertname": "PodDown", "namespace": pod.Namespace, "pod": pod.Name, "severity": "critical"})
	s.Annotations = map[string]string{"summary": "pod down"}
	f := created(playbook, actions, title, key, "HIGH", s, e...)
	f.Source = "prometheus"
	return f
}

func TestAlerts(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	pod := createPod(t, c, "shop", "web-1", map[string]string{"app": "web"})
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: alertPlaybooks, Args: []string{"--alerts-token-file", tokenFile}})
	auth := []string{"Authorization", "Bearer s3cret"}

	// Refused before anything runs: no token, then malformed bodies.
	if code, body := p.postAlerts(t, alertBody(t, "firing", "shop", "web-1")); code != http.StatusUnauthorized {
		t.Errorf("without the token: %d %q, want 401", code, body)
	}
	for _, bad := range []struct{ body, reason string }{
		{"{", "invalid JSON"},
		{`{"version": "4"}`, "missing alerts"},
		{`{"version": "2", "alerts": [{"status": "firing", "labels": {"alertname": "PodDown"}}]}`, "unsupported version"},
	} {
		if code, body := p.postAlerts(t, bad.body, auth...); code != http.StatusBadRequest || !strings.Contains(body, bad.reason) {
			t.Errorf("POST %s: %d %q, want 400 with %q", bad.body, code, body, bad.reason)
		}
	}

	steps := []struct {
		name, status string
		result       string // the handler's answer
		want         []finding
	}{
		{"firing", "firing", `{"received":1,"submitted":1,"duplicates":0}`, []finding{
			alerted("Firing", []string{"create_finding", "echo"}, "firing shop/web-1", "firing $namespace/$name", pod, blocks(markdown("seen"))...),
			alerted("All", []string{"create_finding"}, "all shop/web-1", "all $namespace/$name", pod),
		}},
		// Alertmanager's repeat: answered, not run again. The next step's
		// finding, from the same worker, shows nothing came of it.
		{"duplicate", "firing", `{"received":1,"submitted":0,"duplicates":1}`, nil},
		{"resolved", "resolved", `{"received":1,"submitted":1,"duplicates":0}`, []finding{
			alerted("All", []string{"create_finding"}, "all shop/web-1", "all $namespace/$name", pod),
		}},
	}
	var want []finding
	for _, s := range steps {
		code, body := p.postAlerts(t, alertBody(t, s.status, "shop", "web-1"), auth...)
		if code != http.StatusOK || body != s.result {
			t.Fatalf("%s: %d %q, want 200 %q", s.name, code, body, s.result)
		}
		want = append(want, s.want...)
	}
	got := p.Findings.Wait(t, "the resolved alert's finding", func(all []finding) bool { return count(all, "All") == 2 })
	if d := cmp.Diff(want, got, diffOpts); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

// An alert naming no existing object still runs, about the alert itself.
func TestAlertWithoutObject(t *testing.T) {
	env := kubetest.Start(t)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: alertPlaybooks, Args: []string{"--alerts-allow-unauthenticated"}})
	if code, body := p.postAlerts(t, alertBody(t, "firing", "shop", "gone")); code != http.StatusOK {
		t.Fatalf("%d %q, want 200", code, body)
	}
	got := p.Findings.WaitFor(t, "the All finding", func(f finding) bool { return f.Playbook == "All" })
	labels := map[string]string{"alertname": "PodDown", "namespace": "shop", "pod": "gone", "severity": "critical"}
	// Robusta's subject of an alert that resolved nothing: no kind, named
	// Unresolved, in the alert's namespace.
	s := subject{Name: "Unresolved", Namespace: "shop", Labels: labels, Annotations: map[string]string{"summary": "pod down"}}
	f := created("All", []string{"create_finding"}, "all shop/Unresolved", "all $namespace/$name", "HIGH", s)
	f.Source = "prometheus"
	if d := cmp.Diff(f, got[len(got)-1], diffOpts); d != "" {
		t.Errorf("finding (-want +got):\n%s", d)
	}
	kubetest.Eventually(t, wait, "two findings", func() bool { return len(p.Findings.Read(t)) == 2 })
}

package chart_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// TestChartDefaultsCloseTheRunner runs the runner as the stock chart's
// defaults start it (its args, its config, the token it generated) on a
// real API server: /api/trigger without the token is refused, with it an
// action outside the config and a Secret subject are refused, a configured
// action runs; /api/alerts wants the token too. The config holds the
// chart's default playbooks (builtinPlaybooks), so the runner starts only
// if they load; TestChartDefaultPlaybooksRun has them fire.
func TestChartDefaultsCloseTheRunner(t *testing.T) {
	r := render(t, stockChart(t), `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{echo: {message: hi}}]
`)
	var sec corev1.Secret
	r.one("Secret", &sec)

	env := kubetest.Start(t)
	ctx := t.Context()
	if _, err := env.Client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "app"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Client.CoreV1().Secrets("app").Create(ctx, &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "db"}, StringData: map[string]string{"password": "hunter2"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	addr := runRendered(t, r, env).addr

	token := string(sec.Data["trigger-token"])
	for _, c := range []struct {
		name, path, token, body string
		status                  int
	}{
		{"trigger without the token", "/api/trigger", "", `{"action_name":"echo","action_params":{"message":"x"}}`, 401},
		{"trigger with a wrong token", "/api/trigger", "guess", `{"action_name":"echo","action_params":{"message":"x"}}`, 401},
		{"action not in the config", "/api/trigger", token, `{"action_name":"create_finding","action_params":{"title":"x"}}`, 403},
		{"Secret subject", "/api/trigger", token, `{"action_name":"echo","action_params":{"message":"x"},"kind":"secret","name":"db","namespace":"app"}`, 403},
		{"configured action", "/api/trigger", token, `{"action_name":"echo","action_params":{"message":"x"},"no_sinks":true}`, 200},
		{"alerts without the token", "/api/alerts", "", `{"alerts":[]}`, 401},
		{"alerts with the trigger's token", "/api/alerts", token, `{"alerts":[]}`, 401},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+c.path, strings.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			if c.token != "" {
				req.Header.Set("Authorization", "Bearer "+c.token)
			}
			client := http.Client{Timeout: 10 * time.Second}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body bytes.Buffer
			_, _ = body.ReadFrom(resp.Body)
			if resp.StatusCode != c.status {
				t.Errorf("%d %s, want %d", resp.StatusCode, body.String(), c.status)
			}
		})
	}
}

// TestGeneratedTokensSurviveUpgrade installs the chart on a real API
// server and upgrades it: lookup keeps the generated tokens, so that
// Alertmanager's copy stays valid.
func TestGeneratedTokensSurviveUpgrade(t *testing.T) {
	env := kubetest.Start(t)
	ctx := t.Context()
	const ns = "robusta"
	if _, err := env.Client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	kubeconfig := env.Kubeconfig(t)
	tokens := func() map[string][]byte {
		s, err := env.Client.CoreV1().Secrets(ns).Get(ctx, "rel-robusta-runner-tokens", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return s.Data
	}
	if out, err := helm(t, "install", "rel", stockChart(t), "--namespace", ns, "--kubeconfig", kubeconfig); err != nil {
		t.Fatalf("helm install: %v\n%s", err, out)
	}
	before := tokens()
	if len(before["alerts-token"]) != 40 || len(before["trigger-token"]) != 40 {
		t.Fatalf("installed tokens %v, want two of 40 characters", keysOf(before))
	}
	if out, err := helm(t, "upgrade", "rel", stockChart(t), "--namespace", ns, "--kubeconfig", kubeconfig, "--set", "runner.workers=4"); err != nil {
		t.Fatalf("helm upgrade: %v\n%s", err, out)
	}
	if after := tokens(); !bytes.Equal(after["alerts-token"], before["alerts-token"]) || !bytes.Equal(after["trigger-token"], before["trigger-token"]) {
		t.Error("helm upgrade changed the generated tokens")
	}
}

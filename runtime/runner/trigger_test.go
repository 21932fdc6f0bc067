package runner_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// triggerAnswer is the body of a POST /api/trigger answer.
type triggerAnswer struct {
	Findings []finding `json:"findings"`
	Error    string    `json:"error"`
	Errors   []string  `json:"errors"`
}

// postTrigger posts body to /api/trigger with token, when not "", as a
// bearer token.
func (p *proc) postTrigger(t *testing.T, token, body string) (int, triggerAnswer) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+p.Addr+"/api/trigger", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST /api/trigger: %v", err)
	}
	defer resp.Body.Close()
	var a triggerAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("POST /api/trigger: answer %d: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, a
}

func TestManualTrigger(t *testing.T) {
	env := kubetest.Start(t)
	namespace(t, env.Client, "manual")
	pod := createPod(t, env.Client, "manual", "web-1", map[string]string{"app": "web"})
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Client.CoreV1().Secrets("manual").Create(t.Context(), &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "db"}, StringData: map[string]string{"password": "hunter2"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	// echo is configured; create_finding and resource_babysitter are
	// allowed by the flag; pod_bash_enricher, compiled in, is neither.
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: echoPlaybook,
		Args: []string{"--trigger-token-file", tokenFile, "--trigger-allow-actions", "create_finding,resource_babysitter"}})

	run := `{"action_name":"create_finding","action_params":{"title":"$kind $name checked","aggregation_key":"Checked","severity":"LOW"},
		"kind":"pod","name":"web-1","namespace":"manual"}`
	t.Run("without the token", func(t *testing.T) {
		for _, token := range []string{"", "wrong"} {
			if code, a := p.postTrigger(t, token, run); code != http.StatusUnauthorized {
				t.Errorf("token %q: %d %q, want 401", token, code, a.Error)
			}
		}
	})

	t.Run("on a pod", func(t *testing.T) {
		code, a := p.postTrigger(t, "s3cret", run)
		if code != http.StatusOK {
			t.Fatalf("status %d: %s %v", code, a.Error, a.Errors)
		}
		want := []finding{{
			Title: "pod web-1 checked", Severity: "LOW", Source: "kubernetes_api_server", Type: "issue", AggregationKey: "Checked",
			Subject: subjectOf("Pod", pod), Actions: []string{"create_finding"},
		}}
		if diff := cmp.Diff(want, a.Findings, diffOpts); diff != "" {
			t.Errorf("answer (-want +got):\n%s", diff)
		}
		got := p.Findings.WaitFor(t, "the manual finding", func(f finding) bool { return f.Title == "pod web-1 checked" })
		if diff := cmp.Diff(want, got, diffOpts); diff != "" {
			t.Errorf("file sink (-want +got):\n%s", diff)
		}
	})

	t.Run("echo on a pod", func(t *testing.T) {
		code, a := p.postTrigger(t, "s3cret", `{"action_name":"echo","action_params":{"message":"hello"},"kind":"Pod","name":"web-1","namespace":"manual"}`)
		if code != http.StatusOK {
			t.Fatalf("status %d: %s %v", code, a.Error, a.Errors)
		}
		want := []finding{{
			Title: "Manual run of echo on Pod manual/web-1", Severity: "INFO", Source: "manual", Type: "report", AggregationKey: "ManualActionEcho",
			Subject: subjectOf("Pod", pod), Actions: []string{"echo"}, Enrichments: blocks(markdown("hello")),
		}}
		if diff := cmp.Diff(want, a.Findings, diffOpts); diff != "" {
			t.Errorf("answer (-want +got):\n%s", diff)
		}
		p.Findings.WaitFor(t, "the echo finding", func(f finding) bool { return f.Title == want[0].Title })
	})

	for _, tc := range []struct {
		name, body string
		code       int
		error      string
		errors     []string
	}{
		{"unknown action", `{"action_name":"create_findings"}`, 400, `unknown action "create_findings" (did you mean "create_finding"?)`, nil},
		{"bad params", `{"action_name":"echo","action_params":{"message":7,"loud":true}}`, 400, "invalid params of action echo", []string{
			`param "message" of action echo: got number, want string`,
			`unknown param "loud" of action echo`,
		}},
		{"missing pod", `{"action_name":"echo","action_params":{"message":"x"},"kind":"pod","name":"gone","namespace":"manual"}`, 404, "Pod manual/gone not found", nil},
		{"action not configured", `{"action_name":"pod_bash_enricher","action_params":{"bash_command":"id"},"kind":"pod","name":"web-1","namespace":"manual"}`, 403,
			"action pod_bash_enricher is not allowed: a manual run may use only the actions of the loaded config and of --trigger-allow-actions", nil},
		{"secret subject", `{"action_name":"echo","action_params":{"message":"x"},"kind":"secret","name":"db","namespace":"manual"}`, 403,
			"a manual run cannot take a Secret as its subject", nil},
		{"change-only action", `{"action_name":"resource_babysitter","kind":"pod","name":"web-1","namespace":"manual"}`, 400,
			"action resource_babysitter takes api.KubernetesAnyChangeEvent, which cannot be built from a resource; a manual trigger runs actions taking api.ExecutionEvent, api.KubernetesResourceEvent or api.<Kind>Event", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, a := p.postTrigger(t, "s3cret", tc.body)
			if code != tc.code || a.Error != tc.error {
				t.Errorf("got %d %q, want %d %q", code, a.Error, tc.code, tc.error)
			}
			if diff := cmp.Diff(tc.errors, a.Errors); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// Closed by default: without a token nothing runs, with or without an
// Authorization header.
func TestManualTriggerWithoutToken(t *testing.T) {
	env := kubetest.Start(t)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: echoPlaybook})
	for _, token := range []string{"", "guess"} {
		code, a := p.postTrigger(t, token, `{"action_name":"echo","action_params":{"message":"open"}}`)
		if code != http.StatusForbidden || !strings.Contains(a.Error, "POST /api/trigger is disabled") || len(a.Findings) != 0 {
			t.Errorf("token %q: got %d %+v, want 403 disabled", token, code, a)
		}
	}
	if !p.Logs.Contains(`"msg":"POST /api/trigger is disabled: no --trigger-token-file or $ROBUSTA_TRIGGER_TOKEN"`) {
		t.Errorf("no start line saying the trigger is disabled:\n%s", p.Logs)
	}
}

// echoPlaybook makes echo a configured action.
const echoPlaybook = `customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{echo: {message: hi}}]
`

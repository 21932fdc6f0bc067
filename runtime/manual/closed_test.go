package manual_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus/testutil"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Without a token the trigger runs nothing, whatever the request carries.
func TestNoTokenDisables(t *testing.T) {
	s := newServer(t, "", web)
	for _, tok := range []string{"", "anything"} {
		a := s.post(t, tok, `{"action_name":"echo","action_params":{"message":"hi"}}`)
		if a.Status != 403 || !strings.Contains(a.Error, "POST /api/trigger is disabled: the runner has no token") {
			t.Errorf("token %q: %d %q, want 403 disabled", tok, a.Status, a.Error)
		}
	}
	if got := s.sent(t, s.main); len(got) != 0 {
		t.Errorf("findings sent by a disabled trigger: %q", got)
	}
}

// Only the config's actions and the extra allowed ones run; a compiled-in
// action outside both is refused, and an unknown name is never answered
// with the name of an action that is not allowed.
func TestOnlyAllowedActions(t *testing.T) {
	s := newServer(t, token, web)
	for _, tc := range []struct{ body, error string }{
		{`{"action_name":"pod_bash_enricher","action_params":{"bash_command":"cat /etc/shadow"},"kind":"pod","name":"web","namespace":"default"}`,
			"action pod_bash_enricher is not allowed: a manual run may use only the actions of the loaded config and of --trigger-allow-actions"},
		{`{"action_name":"pod_bash_enrichr"}`, `unknown action "pod_bash_enrichr"`},
	} {
		a := s.post(t, token, tc.body)
		if want := map[bool]int{true: 403, false: 400}[strings.Contains(tc.error, "not allowed")]; a.Status != want || a.Error != tc.error {
			t.Errorf("%s: got %d %q, want %d %q", tc.body, a.Status, a.Error, want, tc.error)
		}
	}
	if a := s.post(t, token, `{"action_name":"echo","action_params":{"message":"hi"}}`); a.Status != 200 {
		t.Errorf("echo, in the config: %d %q, want 200", a.Status, a.Error)
	}
}

// A Secret is refused before anything reads it.
func TestSecretRefused(t *testing.T) {
	secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: "default"}, Data: map[string][]byte{"password": []byte("hunter2")}}
	s := newServer(t, token, secret)
	for _, kind := range []string{"secret", "Secret", "secrets"} {
		a := s.post(t, token, `{"action_name":"echo","action_params":{"message":"x"},"kind":"`+kind+`","name":"db","namespace":"default"}`)
		if a.Status != 403 || a.Error != "a manual run cannot take a Secret as its subject" || len(a.Findings) != 0 {
			t.Errorf("kind %s: %d %q with %d findings, want 403 refused", kind, a.Status, a.Error, len(a.Findings))
		}
	}
	for _, act := range s.kube.Actions() {
		if act.GetResource().Resource == "secrets" {
			t.Errorf("the trigger read secrets: %v", act)
		}
	}
}

// Every request is logged with who sent it, the action and the object,
// and counted by action and outcome; an action that is not allowed is
// counted as "other".
func TestEveryRunLoggedAndCounted(t *testing.T) {
	s := newServer(t, token, web)
	s.post(t, token, `{"action_name":"echo","action_params":{"message":"hi"},"kind":"pod","name":"web","namespace":"default"}`)
	s.post(t, "wrong", `{"action_name":"echo"}`)
	s.post(t, token, `{"action_name":"pod_bash_enricher","action_params":{"bash_command":"ls"},"kind":"pod","name":"web","namespace":"default"}`)
	s.post(t, token, `{"action_name":"fails"}`)
	s.sent(t, s.main) // drains, so the handler's last log line is written

	type line struct {
		Msg, Remote, Action, Kind, Namespace, Name, Outcome string
		Status                                              int
	}
	var got []line
	for _, l := range strings.Split(strings.TrimSpace(s.logs.String()), "\n") {
		var rec line
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if rec.Msg != "manual run" {
			continue
		}
		if !strings.HasPrefix(rec.Remote, "127.0.0.1:") {
			t.Errorf("remote %q, want the client's address", rec.Remote)
		}
		rec.Remote = ""
		got = append(got, rec)
	}
	want := []line{
		{Msg: "manual run", Action: "echo", Kind: "pod", Namespace: "default", Name: "web", Outcome: "ok", Status: 200},
		{Msg: "manual run", Outcome: "unauthorized", Status: 401},
		{Msg: "manual run", Action: "pod_bash_enricher", Kind: "pod", Namespace: "default", Name: "web", Outcome: "refused", Status: 403},
		{Msg: "manual run", Action: "fails", Outcome: "failed", Status: 500},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log lines (-want +got):\n%s", diff)
	}
	const metrics = `
# HELP robusta_manual_runs_total Requests to POST /api/trigger, by action ("other" for one not allowed) and outcome (ok, failed, refused, unauthorized, disabled).
# TYPE robusta_manual_runs_total counter
robusta_manual_runs_total{action="echo",outcome="ok"} 1
robusta_manual_runs_total{action="fails",outcome="failed"} 1
robusta_manual_runs_total{action="other",outcome="refused"} 1
robusta_manual_runs_total{action="other",outcome="unauthorized"} 1
`
	if err := testutil.GatherAndCompare(s.reg, strings.NewReader(metrics), "robusta_manual_runs_total"); err != nil {
		t.Error(err)
	}
}

func TestAllowedActions(t *testing.T) {
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load("values.yaml", []byte(`customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{logs_enricher: {}}, {echo: {message: a}}]
- triggers: [{on_pod_create: {}}]
  actions: [{echo: {message: b}}]
`), set)
	if err != nil {
		t.Fatal(err)
	}
	got, err := manual.AllowedActions(cfg, []string{"create_finding", "echo"}, set)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"create_finding", "echo", "logs_enricher"}, got); diff != "" {
		t.Errorf("allowed (-want +got):\n%s", diff)
	}
	_, err = manual.AllowedActions(cfg, []string{"create_findng"}, set)
	if err == nil || err.Error() != `--trigger-allow-actions: unknown action "create_findng" (did you mean "create_finding"?)` {
		t.Errorf("unknown extra action: %v", err)
	}
}

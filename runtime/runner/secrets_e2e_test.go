package runner_test

import (
	"encoding/base64"
	"os"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

const secretPlaybooks = `customPlaybooks:
- name: SecretCreated
  triggers: [{on_secret_create: {}}]
  actions: [{resource_babysitter: {}}]
- name: SecretChanged
  triggers: [{on_secret_update: {}}]
  actions: [{resource_babysitter: {}}]
`

// A Secret's values never reach a sink: through the real API server and
// the file sink, the create and the update findings name the key and show
// neither value, in clear or base64, nor the last-applied annotation that
// kubectl apply leaves on the Secret.
func TestSecretValuesNeverReachSinks(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "vault")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: secretPlaybooks})

	const oldValue, newValue = "old-pass-e2e", "new-pass-e2e"
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: "vault", Name: "db", Annotations: map[string]string{
			api.LastAppliedAnnotation: `{"apiVersion":"v1","kind":"Secret","stringData":{"password":"` + oldValue + `"}}`,
		}},
		Data: map[string][]byte{"password": []byte(oldValue)},
	}
	created, err := c.CoreV1().Secrets("vault").Create(t.Context(), secret, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	created.Data["password"] = []byte(newValue)
	if _, err := c.CoreV1().Secrets("vault").Update(t.Context(), created, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	got := p.Findings.WaitFor(t, "the secret's update finding", func(f finding) bool { return f.Playbook == "SecretChanged" })

	raw, err := os.ReadFile(string(p.Findings))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{oldValue, newValue} {
		for _, enc := range []string{v, base64.StdEncoding.EncodeToString([]byte(v)), base64.RawStdEncoding.EncodeToString([]byte(v))} {
			if strings.Contains(string(raw), enc) {
				t.Errorf("the file sink holds %q: %s", enc, raw)
			}
		}
	}
	if strings.Contains(string(raw), api.LastAppliedAnnotation) {
		t.Errorf("the file sink holds the last-applied annotation: %s", raw)
	}

	redacted := `"` + api.Redacted + `"`
	want := map[string]map[string]any{
		"SecretCreated": added("data['password']", redacted),
		"SecretChanged": changed("data['password']", redacted, redacted),
	}
	for _, f := range about(got, "Secret", "vault", "db") {
		w, ok := want[f.Playbook]
		if !ok {
			continue
		}
		delete(want, f.Playbook)
		if !hasDiff(f, w) {
			t.Errorf("%s finding shows no %v: %+v", f.Playbook, w, f.Enrichments)
		}
	}
	for pb := range want {
		t.Errorf("no %s finding about Secret vault/db", pb)
	}
}

// hasDiff reports whether f's diff block lists d.
func hasDiff(f finding, d map[string]any) bool {
	for _, e := range f.Enrichments {
		for _, b := range e.Blocks {
			diffs, _ := b["diffs"].([]any)
			for _, x := range diffs {
				m, _ := x.(map[string]any)
				if m["path"] == d["path"] && m["old"] == d["old"] && m["new"] == d["new"] {
					return true
				}
			}
		}
	}
	return false
}

package playbooks

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// A Secret change is reported by key: the finding, as a sink would encode
// it, holds neither value nor its base64 nor the last-applied annotation.
func TestResourceBabysitterRedactsSecrets(t *testing.T) {
	meta := metav1.ObjectMeta{Namespace: "prod", Name: "db", ResourceVersion: "1",
		Annotations: map[string]string{api.LastAppliedAnnotation: `{"stringData":{"password":"old-pass"}}`}}
	old := &corev1.Secret{ObjectMeta: meta, Data: map[string][]byte{"password": []byte("old-pass")}}
	updated := old.DeepCopy()
	updated.ResourceVersion = "2"
	updated.Annotations[api.LastAppliedAnnotation] = `{"stringData":{"password":"new-pass"}}`
	updated.Data["password"] = []byte("new-pass")
	ev := &api.SecretChangeEvent{Obj: updated, OldObj: old, Operation: api.OperationUpdate}
	if err := ResourceBabysitter(context.Background(), ev, BabysitterConfig{}); err != nil {
		t.Fatal(err)
	}
	fs := ev.Execution().Findings()
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	if fs[0].Description != "Fields: 0 added, 0 removed, 1 changed" {
		t.Errorf("description = %q", fs[0].Description)
	}
	diff := fs[0].Enrichments[0].Blocks[0].(api.KubernetesDiff)
	redacted := `"` + api.Redacted + `"`
	if d := cmp.Diff([]api.Diff{{Path: "data.password", Old: redacted, New: redacted}}, diff.Diffs); d != "" {
		t.Errorf("diffs (-want +got):\n%s", d)
	}
	raw, err := json.Marshal(fs[0].Clone())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"old-pass", "new-pass"} {
		for _, enc := range []string{v, base64.StdEncoding.EncodeToString([]byte(v))} {
			if strings.Contains(string(raw), enc) {
				t.Errorf("finding holds %q: %s", enc, raw)
			}
		}
	}
	if strings.Contains(string(raw), api.LastAppliedAnnotation) {
		t.Errorf("finding holds the last-applied annotation: %s", raw)
	}
}

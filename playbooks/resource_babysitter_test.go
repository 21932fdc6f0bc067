package playbooks

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
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
	if fs[0].Description != "Secret updated\n ● Attributes: password" {
		t.Errorf("description = %q", fs[0].Description)
	}
	diff := fs[0].Enrichments[0].Blocks[0].(api.KubernetesDiff)
	redacted := `"` + api.Redacted + `"`
	if d := cmp.Diff([]api.Diff{{Path: "data['password']", Old: redacted, New: redacted}}, diff.Diffs); d != "" {
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

// Robusta's titles and descriptions for each operation: the manifest name
// with the kind lowercase (no namespace for a cluster-scoped object), and
// the changed attributes, list indexes skipped, at most five named.
func TestResourceBabysitterTitles(t *testing.T) {
	dep := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web"}}
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "node-1", Labels: map[string]string{"a": "1"}}}
	changed := node.DeepCopy()
	changed.Labels = map[string]string{"a": "2", "b": "1", "c": "1", "d": "1", "e": "1"}
	six := changed.DeepCopy()
	six.Labels["f"] = "1"
	for _, c := range []struct {
		name        string
		ev          api.KubernetesAnyChangeEvent
		title, desc string
	}{
		{"create", &api.DeploymentChangeEvent{Obj: dep, Operation: api.OperationCreate}, "deployment/prod/web.yaml created", "Deployment created"},
		{"delete", &api.DeploymentChangeEvent{Obj: dep, Operation: api.OperationDelete}, "deployment/prod/web.yaml deleted", "Deployment deleted"},
		{"five attributes", &api.NodeChangeEvent{Obj: changed, OldObj: node, Operation: api.OperationUpdate}, "node/node-1.yaml updated",
			"Node updated\n ● Attributes: a, b, c, d, e"},
		{"six attributes", &api.NodeChangeEvent{Obj: six, OldObj: node, Operation: api.OperationUpdate}, "node/node-1.yaml updated",
			"Node updated\n ● Attributes: a, b, c, d, e ... (and 1 more)"},
	} {
		if err := ResourceBabysitter(context.Background(), c.ev, BabysitterConfig{}); err != nil {
			t.Fatal(err)
		}
		fs := c.ev.Execution().Findings()
		if len(fs) != 1 || fs[0].Title != c.title || fs[0].Description != c.desc || fs[0].Enrichments[0].Title != "Kubernetes Manifest Change" {
			t.Errorf("%s: findings %+v", c.name, fs)
			continue
		}
		if _, isNode := c.ev.(*api.NodeChangeEvent); isNode && fs[0].Subject.Node != "node-1" {
			t.Errorf("%s: subject %+v, want the node as its node", c.name, fs[0].Subject)
		}
	}
	// A deleted object's diff has it as the old version: every field removed.
	del := &api.DeploymentChangeEvent{Obj: dep, Operation: api.OperationDelete}
	_ = ResourceBabysitter(context.Background(), del, BabysitterConfig{})
	diff := del.Execution().Findings()[0].Enrichments[0].Blocks[0].(api.KubernetesDiff)
	if added, removed, _ := diff.Counts(); added != 0 || removed == 0 {
		t.Errorf("delete diff %+v, want only removals", diff.Diffs)
	}
}

func TestChangeDescriptionSkipsIndexes(t *testing.T) {
	got := changeDescription("Deployment", api.OperationUpdate, []api.Diff{{Path: "spec.template.spec.containers[0].image"}, {Path: "[0]"}})
	if want := "Deployment updated\n ● Attributes: image"; got != want {
		t.Errorf("description %q, want %q", got, want)
	}
}

package api_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/robusta-go/robusta/runtime/api"
)

// The values of the test Secrets. Each must appear in no finding content,
// neither in clear nor in base64.
var secretValues = []string{"hunter2", "s3cret-new", "bye-bye", "hello-there", "tok-old", "tok-new"}

// lastApplied is what kubectl apply writes on a Secret: its data in clear.
const lastApplied = `{"apiVersion":"v1","kind":"Secret","stringData":{"password":"hunter2"}}`

// managerName marks managedFields in output.
const managerName = "kubectl-client-side-apply"

// noSecrets fails when raw holds a secret value, clear or base64, the
// last-applied annotation or managedFields.
func noSecrets(t *testing.T, what string, raw []byte) {
	t.Helper()
	s := string(raw)
	for _, v := range secretValues {
		for _, enc := range []string{v, base64.StdEncoding.EncodeToString([]byte(v)), base64.RawStdEncoding.EncodeToString([]byte(v))} {
			if strings.Contains(s, enc) {
				t.Errorf("%s holds the secret %q as %q: %s", what, v, enc, s)
			}
		}
	}
	for _, leak := range []string{api.LastAppliedAnnotation, managerName, "managedFields"} {
		if strings.Contains(s, leak) {
			t.Errorf("%s holds %s: %s", what, leak, s)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// secretMeta is a Secret's metadata as the API server returns it after
// kubectl apply.
func secretMeta(name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{
		Namespace: "prod", Name: name, Labels: map[string]string{"app": "db"},
		Annotations:   map[string]string{api.LastAppliedAnnotation: lastApplied, "team": "data"},
		ManagedFields: []metav1.ManagedFieldsEntry{{Manager: managerName, Operation: metav1.ManagedFieldsOperationUpdate}},
	}
}

func typedSecret(data map[string]string, stringData map[string]string) *corev1.Secret {
	s := &corev1.Secret{ObjectMeta: secretMeta("db"), Type: corev1.SecretTypeOpaque, StringData: stringData}
	if data != nil {
		s.Data = map[string][]byte{}
		for k, v := range data {
			s.Data[k] = []byte(v)
		}
	}
	return s
}

// unstructuredSecret is the Secret as a dynamic client or an any-resource
// informer holds it: data base64 encoded, kind set.
func unstructuredSecret(data map[string]string, stringData map[string]string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
		"metadata": map[string]any{
			"namespace": "prod", "name": "db", "labels": map[string]any{"app": "db"},
			"annotations":   map[string]any{api.LastAppliedAnnotation: lastApplied, "team": "data"},
			"managedFields": []any{map[string]any{"manager": managerName, "operation": "Update"}},
		},
	}}
	if data != nil {
		d := map[string]any{}
		for k, v := range data {
			d[k] = base64.StdEncoding.EncodeToString([]byte(v))
		}
		u.Object["data"] = d
	}
	if stringData != nil {
		d := map[string]any{}
		for k, v := range stringData {
			d[k] = v
		}
		u.Object["stringData"] = d
	}
	return u
}

func TestSubjectOfLeavesOutLastApplied(t *testing.T) {
	for name, obj := range map[string]api.Object{
		"typed":        typedSecret(map[string]string{"password": "hunter2"}, nil),
		"unstructured": unstructuredSecret(map[string]string{"password": "hunter2"}, nil),
	} {
		t.Run(name, func(t *testing.T) {
			s := api.SubjectOf(obj)
			want := api.Subject{Kind: "Secret", Name: "db", Namespace: "prod", Labels: map[string]string{"app": "db"}, Annotations: map[string]string{"team": "data"}}
			if d := cmp.Diff(want, s); d != "" {
				t.Errorf("subject (-want +got):\n%s", d)
			}
			// The subject's maps are its own: an action changing them must
			// not change the object an informer caches.
			s.Labels["x"], s.Annotations["y"] = "1", "2"
			if _, ok := obj.GetLabels()["x"]; ok {
				t.Error("the subject's labels are the object's map")
			}
			if a := obj.GetAnnotations(); a[api.LastAppliedAnnotation] != lastApplied || a["y"] != "" {
				t.Errorf("SubjectOf changed the object's annotations: %v", a)
			}
		})
	}
	only := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Annotations: map[string]string{api.LastAppliedAnnotation: "{}"}}}
	if a := api.SubjectOf(only).Annotations; a != nil {
		t.Errorf("annotations = %v, want none", a)
	}
}

// Every default finding built from an object leaves the annotation out:
// change events, alerts, any-resource events.
func TestDefaultFindingsLeaveOutLastApplied(t *testing.T) {
	pod := testPod("prod", "api-0")
	pod.ObjectMeta = secretMeta("api-0")
	for name, ev := range map[string]api.ExecutionEvent{
		"secret update": &api.SecretChangeEvent{Obj: typedSecret(map[string]string{"password": "hunter2"}, nil), Operation: api.OperationUpdate},
		"any resource":  &api.AnyResourceChangeEvent{Obj: unstructuredSecret(map[string]string{"password": "hunter2"}, nil), Operation: api.OperationCreate},
		"alert":         &api.PrometheusAlertEvent{Alert: api.Alert{Name: "A"}, Pod: pod},
	} {
		t.Run(name, func(t *testing.T) {
			f := ev.DefaultFinding()
			if f.Subject.Annotations["team"] != "data" {
				t.Errorf("annotations = %v, want team kept", f.Subject.Annotations)
			}
			noSecrets(t, "default finding", mustJSON(t, f))
		})
	}
}

// An action that fills a subject from the object's own map is caught in
// the copy each sink gets, and the object keeps its annotation.
func TestCloneLeavesOutLastApplied(t *testing.T) {
	secret := typedSecret(map[string]string{"password": "hunter2"}, nil)
	f := &api.Finding{Title: "mine", Subject: api.Subject{Kind: "Secret", Name: "db", Annotations: secret.Annotations}}
	c := f.Clone()
	if d := cmp.Diff(map[string]string{"team": "data"}, c.Subject.Annotations); d != "" {
		t.Errorf("annotations (-want +got):\n%s", d)
	}
	noSecrets(t, "cloned finding", mustJSON(t, c))
	if secret.Annotations[api.LastAppliedAnnotation] == "" {
		t.Error("Clone changed the object's annotations")
	}
}

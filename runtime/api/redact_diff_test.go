package api_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

const redacted = `"` + api.Redacted + `"`

func TestKubernetesDiffBlockRedactsSecrets(t *testing.T) {
	oldData := map[string]string{"password": "hunter2", "user": "admin", "gone": "bye-bye"}
	newData := map[string]string{"password": "s3cret-new", "user": "admin", "fresh": "hello-there"}
	oldString, newString := map[string]string{"token": "tok-old"}, map[string]string{"token": "tok-new"}
	// Keys show which secret changed and how (added, removed, modified);
	// the other fields keep their values.
	update := []api.Diff{
		{Path: "data['fresh']", New: redacted},
		{Path: "data['gone']", Old: redacted},
		{Path: "data['password']", Old: redacted, New: redacted},
		{Path: "metadata.labels['tier']", New: `"db"`},
		{Path: "stringData['token']", Old: redacted, New: redacted},
	}
	for _, tc := range []struct {
		name     string
		old, new api.Object
		want     []api.Diff
	}{{
		name: "typed update",
		old:  typedSecret(oldData, oldString),
		new:  withTier(typedSecret(newData, newString)),
		want: update,
	}, {
		name: "unstructured update",
		old:  unstructuredSecret(oldData, oldString),
		new:  withTier(unstructuredSecret(newData, newString)),
		want: update,
	}, {
		name: "typed create",
		new:  typedSecret(map[string]string{"password": "hunter2"}, nil),
		want: nil, // checked below: every data key added, redacted
	}, {
		name: "unstructured data not a map",
		old:  unstructuredSecret(oldData, nil),
		new:  withField(unstructuredSecret(nil, nil), "data", "hunter2"),
		want: []api.Diff{{Path: "data", Old: redacted, New: redacted}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			d := api.KubernetesDiffBlock(tc.old, tc.new)
			noSecrets(t, "diff block", mustJSON(t, d))
			if d.Kind != "Secret" || d.Name != "db" || d.Namespace != "prod" {
				t.Errorf("diff of %s %s/%s, want Secret prod/db", d.Kind, d.Namespace, d.Name)
			}
			if tc.want == nil {
				found := false
				for _, x := range d.Diffs {
					if x.Path == "data['password']" {
						found = x.Old == "" && x.New == redacted
					}
				}
				if !found {
					t.Errorf("no redacted data['password'] added in %v", d.Diffs)
				}
				return
			}
			if diff := cmp.Diff(tc.want, d.Diffs); diff != "" {
				t.Errorf("diffs (-want +got):\n%s", diff)
			}
		})
	}
}

// A diff never shows the annotation or managedFields, even when they
// change, of any kind.
func TestKubernetesDiffBlockLeavesOutBookkeeping(t *testing.T) {
	old := testPod("default", "web-1")
	updated := old.DeepCopy()
	updated.ObjectMeta = secretMeta("web-1")
	updated.Namespace, updated.Labels = "default", old.Labels
	d := api.KubernetesDiffBlock(old, updated)
	noSecrets(t, "pod diff", mustJSON(t, d))
	if diff := cmp.Diff([]api.Diff{{Path: "metadata.annotations['team']", New: `"data"`}}, d.Diffs); diff != "" {
		t.Errorf("diffs (-want +got):\n%s", diff)
	}
}

func withTier[T api.Object](o T) T {
	l := o.GetLabels()
	l["tier"] = "db"
	o.SetLabels(l)
	return o
}

func withField(u interface{ UnstructuredContent() map[string]any }, k string, v any) api.Object {
	u.UnstructuredContent()[k] = v
	return u.(api.Object)
}

func TestSanitize(t *testing.T) {
	typed := typedSecret(map[string]string{"password": "hunter2"}, map[string]string{"token": "tok-old"})
	for name, obj := range map[string]api.Object{"typed": typed, "unstructured": unstructuredSecret(map[string]string{"password": "hunter2"}, map[string]string{"token": "tok-old"})} {
		t.Run(name, func(t *testing.T) {
			m := api.Sanitize(obj)
			noSecrets(t, "sanitized secret", mustJSON(t, m))
			want := map[string]any{"password": api.Redacted}
			if d := cmp.Diff(want, m["data"]); d != "" {
				t.Errorf("data (-want +got):\n%s", d)
			}
			if d := cmp.Diff(map[string]any{"token": api.Redacted}, m["stringData"]); d != "" {
				t.Errorf("stringData (-want +got):\n%s", d)
			}
			if got := m["metadata"].(map[string]any)["annotations"]; !cmp.Equal(got, map[string]any{"team": "data"}) {
				t.Errorf("annotations = %v, want only team", got)
			}
			if m["type"] != "Opaque" {
				t.Errorf("type = %v, want the rest of the object kept", m["type"])
			}
		})
	}
	if string(typed.Data["password"]) != "hunter2" || typed.Annotations[api.LastAppliedAnnotation] == "" || len(typed.ManagedFields) == 0 {
		t.Error("Sanitize changed the object")
	}
	pod := testPod("default", "web-1")
	if spec := api.Sanitize(pod)["spec"].(map[string]any); spec["nodeName"] != "node-1" {
		t.Errorf("a pod's spec = %v, want kept", spec)
	}
}

func TestStripBookkeeping(t *testing.T) {
	for name, obj := range map[string]api.Object{"typed": typedSecret(nil, nil), "unstructured": unstructuredSecret(nil, nil)} {
		t.Run(name, func(t *testing.T) {
			api.StripBookkeeping(obj)
			if obj.GetManagedFields() != nil {
				t.Errorf("managedFields = %v", obj.GetManagedFields())
			}
			if d := cmp.Diff(map[string]string{"team": "data"}, obj.GetAnnotations()); d != "" {
				t.Errorf("annotations (-want +got):\n%s", d)
			}
		})
	}
	only := &corev1.Pod{}
	only.Annotations = map[string]string{api.LastAppliedAnnotation: "{}"}
	if api.StripBookkeeping(only); only.Annotations != nil {
		t.Errorf("annotations = %v, want nil", only.Annotations)
	}
}

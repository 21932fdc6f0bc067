package api_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

func TestPathElements(t *testing.T) {
	for path, want := range map[string][]string{
		"spec.template.spec.containers[0].image":    {"spec", "template", "spec", "containers", "0", "image"},
		"metadata.labels['app.kubernetes.io/name']": {"metadata", "labels", "app.kubernetes.io/name"},
		"data['tls.crt']":                           {"data", "tls.crt"},
		"status":                                    {"status"},
		"spec.containers[1]":                        {"spec", "containers", "1"},
		"metadata.annotations['a'].x":               {"metadata", "annotations", "a", "x"},
		"":                                          nil,
	} {
		if got := api.PathElements(path); !cmp.Equal(got, want) {
			t.Errorf("PathElements(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestDiffField(t *testing.T) {
	for path, want := range map[string]string{
		"spec.template.spec.containers[0].image": "image",
		"spec.template.spec.containers[1]":       "containers",
		"metadata.labels['team']":                "team",
		"[0]":                                    "",
	} {
		if got := (api.Diff{Path: path}).Field(); got != want {
			t.Errorf("Field of %q = %q, want %q", path, got, want)
		}
	}
}

// Robusta's default change_filters of on_kubernetes_resource_operation:
// include matches substrings, ignore drops paths key by key (a prefix of
// a key is not the key), and a create or delete keeps everything not
// ignored. A nil filter keeps everything.
func TestChangeFilterKeep(t *testing.T) {
	f := api.NewChangeFilter([]string{"spec"}, []string{"status", "metadata.generation", "metadata.resourceVersion", "metadata.managedFields", "spec.replicas", "metadata.labels['skip']"})
	for path, want := range map[string]bool{
		"spec.template.spec.containers[0].image": true,
		"spec.replicas":                          false,
		"spec.replicasHistory":                   true,
		"status.readyReplicas":                   false,
		"metadata.labels['team']":                false, // not under include
		"metadata.annotations['spec']":           true,  // a substring, as in Robusta
	} {
		if got := f.Keep(path); got != want {
			t.Errorf("Keep(%q) = %v, want %v", path, got, want)
		}
	}
	diffs := []api.Diff{{Path: "spec.replicas"}, {Path: "metadata.name"}, {Path: "metadata.labels['skip']"}, {Path: "status.phase"}}
	if got := f.Diffs(api.OperationCreate, diffs); !cmp.Equal(got, []api.Diff{{Path: "metadata.name"}}) {
		t.Errorf("create diffs = %v, want metadata.name only", got)
	}
	if got := f.Diffs(api.OperationUpdate, diffs); len(got) != 0 {
		t.Errorf("update diffs = %v, want none", got)
	}
	var none *api.ChangeFilter
	if !none.Keep("status") || none.Ignores("status") || len(none.Diffs(api.OperationUpdate, diffs)) != len(diffs) {
		t.Error("a nil filter dropped something")
	}
}

// The filter and KubernetesDiffBlock see the same differences with the
// same paths: what Passes decides on is what the block lists.
func TestChangeFilterPassesOnTheBlocksPaths(t *testing.T) {
	old := testPod("default", "web-1")
	updated := old.DeepCopy()
	updated.Spec.Containers[0].Image = "web:2"
	updated.Labels["tier"] = "front"
	d := api.KubernetesDiffBlock(old, updated)
	for _, x := range d.Diffs {
		if !api.NewChangeFilter([]string{x.Path}, nil).Passes(old, updated) {
			t.Errorf("include %q, a path of the block, does not pass", x.Path)
		}
	}
	paths := []string{}
	for _, x := range d.Diffs {
		paths = append(paths, x.Path)
	}
	if want := []string{"metadata.labels['tier']", "spec.containers[0].image"}; !cmp.Equal(paths, want) {
		t.Errorf("block paths %q, want %q", paths, want)
	}
	if api.NewChangeFilter([]string{"image"}, []string{"spec.containers"}).Passes(old, updated) {
		t.Error("an ignored list still passed")
	}
	if !api.NewChangeFilter(nil, nil).Passes(nil, updated) {
		t.Error("an update without its old object must pass")
	}
}

// Lists are compared element by element; an element or map on one side
// only is listed leaf by leaf, and an empty one, which has no leaf, not at
// all.
func TestKubernetesDiffBlockWalk(t *testing.T) {
	old := testPod("default", "web-1")
	updated := old.DeepCopy()
	updated.Spec.Containers[0].Image = "web:2"
	updated.Spec.Containers = append(updated.Spec.Containers, corev1.Container{Name: "proxy"})
	updated.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "linux"}
	updated.Spec.SecurityContext = &corev1.PodSecurityContext{}
	want := []api.Diff{
		{Path: "spec.containers[0].image", New: `"web:2"`},
		{Path: "spec.containers[1].name", New: `"proxy"`},
		{Path: "spec.nodeSelector['kubernetes.io/os']", New: `"linux"`},
	}
	if d := cmp.Diff(want, api.KubernetesDiffBlock(old, updated).Diffs); d != "" {
		t.Errorf("diffs (-want +got):\n%s", d)
	}
}

// After a timeout the engine goes on with a copy of the event (Adopt):
// the rest of the playbook's actions still see its trigger's filter.
func TestAdoptKeepsTheChangeFilter(t *testing.T) {
	f := api.NewChangeFilter([]string{"spec"}, nil)
	var from, to api.Execution
	from.SetChangeFilter(f)
	from.Seal(nil)
	to.Adopt(&from)
	if to.ChangeFilter() != f {
		t.Errorf("adopted filter %p, want %p", to.ChangeFilter(), f)
	}
}

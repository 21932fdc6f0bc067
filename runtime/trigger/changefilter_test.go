package trigger

import (
	"errors"
	"testing"

	appsv1 "k8s.io/api/apps/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// The filter that decides a fire is the one the playbook's actions get:
// on_kubernetes_resource_operation's default change_filters keep the
// image change and drop spec.replicas from the same update; a trigger
// without change_filters gives none.
func TestChangeFilterReachesActions(t *testing.T) {
	old := deployment(nil)
	both := deployment(func(d *appsv1.Deployment) {
		d.Spec.Template.Spec.Containers[0].Image = "web:2"
		*d.Spec.Replicas = 5
		d.ResourceVersion = "2"
	})
	tr := compile(t, "on_kubernetes_resource_operation", `{}`)
	if _, ok := tr.Match(Input{Kind: "Deployment", Operation: api.OperationUpdate, Obj: both, Old: old}); !ok {
		t.Fatal("an image change did not fire on_kubernetes_resource_operation")
	}
	f := tr.ChangeFilter()
	diffs := f.Diffs(api.OperationUpdate, api.KubernetesDiffBlock(old, both).Diffs)
	if len(diffs) != 1 || diffs[0].Path != "spec.template.spec.containers[0].image" {
		t.Errorf("the action's diffs = %v, want the image only", diffs)
	}
	if f := compile(t, "on_deployment_update", `{}`).ChangeFilter(); f != nil {
		t.Errorf("on_deployment_update without change_filters has filter %+v", f)
	}
	// The ignore path in bracket form works as the dotted one.
	label := deployment(func(d *appsv1.Deployment) { d.Labels["team"] = "sre" })
	for _, ig := range []string{`metadata.labels.team`, `metadata.labels['team']`} {
		tr := compile(t, "on_deployment_update", `{"change_filters":{"ignore":["`+ig+`"]}}`)
		if _, ok := tr.Match(Input{Kind: "Deployment", Operation: api.OperationUpdate, Obj: label, Old: old}); ok {
			t.Errorf("ignore %s: a change of that label fired", ig)
		}
	}
}

// An ignore path with an empty key is an error at its index, never a
// path that ignores nothing.
func TestChangeFilterEmptyIgnoreKeys(t *testing.T) {
	s, _ := Lookup("on_deployment_update")
	for _, ig := range []string{"", "status.", "spec..replicas", ".status"} {
		_, err := Compile(s, []byte(`{"change_filters":{"ignore":["status","`+ig+`"]}}`))
		var pe *PathError
		if !errors.As(err, &pe) || len(pe.Path) != 3 || pe.Path[2] != "1" {
			t.Errorf("ignore %q: error %v, want one at change_filters.ignore.1", ig, err)
		}
	}
}

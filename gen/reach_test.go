package gen

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestInferredRBAC checks the rules inferred for testdata/good's actions:
// through a helper of the repo, the typed client and a function value;
// what a call through an interface needs stays with the directives, and
// a directive the inference covers is reported as redundant.
func TestInferredRBAC(t *testing.T) {
	b, err := Analyze(t.Context(), Options{Dir: "testdata/good", NoBuiltins: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range b.RBAC {
		if r.Inferred {
			got[r.Action] = append(got[r.Action], strings.Join(r.Groups, ",")+"|"+strings.Join(r.Resources, ",")+"|"+strings.Join(r.Verbs, ","))
		}
	}
	want := map[string][]string{
		"pod_bash_enricher":  {"|pods/exec|create,get"},
		"tail_logs":          {"|pods/log|get"},
		"restart_deployment": {"|pods|delete,list", "|secrets|list"},
		"scale_check":        {"apps|deployments|patch"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inferred rules (-want +got):\n%s", diff)
	}

	var notes []string
	for _, n := range Notes(b) {
		if strings.Contains(n, "redundant") {
			notes = append(notes, n)
		}
	}
	abs, _ := filepath.Abs("testdata/good/reach/reach.go")
	wantNotes := []string{"note: " + abs + ":32:1: //robusta:rbac is redundant: the rules inferred from the action's code cover it"}
	if diff := cmp.Diff(wantNotes, notes); diff != "" {
		t.Errorf("redundant directives (-want +got):\n%s", diff)
	}
}

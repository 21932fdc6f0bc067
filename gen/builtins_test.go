package gen

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/gen/load"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/diag"
)

// TestBuiltinsOneTruth checks that a repo's bundle holds the built-in
// actions too, as the runner robusta-gen build makes does, and that the
// repo's own pod_bash_enricher (testdata/good declares one) replaces the
// built-in of that name everywhere: in the bundle, its RBAC, the values
// schema, and validate.
func TestBuiltinsOneTruth(t *testing.T) {
	b, err := Analyze(t.Context(), Options{Dir: "testdata/good"})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*model.Action{}
	for _, a := range b.Actions {
		if prev := byName[a.Name]; prev != nil {
			t.Errorf("action %s is in the bundle twice: %s and %s", a.Name, prev.Pkg.PkgPath, a.Pkg.PkgPath)
		}
		byName[a.Name] = a
	}
	if a := byName["logs_enricher"]; a == nil || a.Pkg.PkgPath != load.BuiltinPath {
		t.Errorf("logs_enricher: got %v, want the built-in", a)
	}
	if a := byName["pod_bash_enricher"]; a == nil || a.Pkg.PkgPath != "example.com/goodpb" {
		t.Errorf("pod_bash_enricher: got %v, want example.com/goodpb's", a)
	}

	var notes []string
	for _, n := range Notes(b) {
		if strings.Contains(n, "replaces") {
			notes = append(notes, n)
		}
	}
	want := []string{
		"note: action pod_bash_enricher of example.com/goodpb (bash.go:18:6) replaces the built-in " + load.BuiltinPath + ".PodBashEnricher",
		"note: action resource_babysitter of example.com/goodpb/changes (changes/changes.go:13:6) replaces the built-in " + load.BuiltinPath + ".ResourceBabysitter",
	}
	if !slices.Equal(notes, want) {
		t.Errorf("Notes =\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}

	// The replaced action's rules (pods/exec) go with it; the others stay.
	var logs bool
	for _, r := range b.RBAC {
		if r.Pkg == load.BuiltinPath && r.Action == "pod_bash_enricher" {
			t.Errorf("RBAC keeps the replaced built-in's rule %v", r.Resources)
		}
		logs = logs || r.Action == "logs_enricher" && slices.Contains(r.Resources, "pods/log")
	}
	if !logs {
		t.Error("RBAC lost logs_enricher's pods/log rule")
	}

	out, err := Render(b, filepath.Join(t.TempDir(), "robusta"))
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("..")
	var schema string
	for _, f := range out.Files {
		if strings.HasPrefix(f.Path, filepath.Join(root, "playbooks")+string(filepath.Separator)) {
			t.Errorf("Render writes into the built-in package, a dependency here: %s", f.Path)
		}
		if filepath.Base(f.Path) == "values.schema.json" {
			schema = string(f.Data)
		}
	}
	for _, name := range []string{`"logs_enricher"`, `"pod_bash_enricher"`, `"echo_line"`} {
		if !strings.Contains(schema, name) {
			t.Errorf("values.schema.json does not know %s", name)
		}
	}
}

// TestValidateWithBuiltins checks that validate accepts the built-in
// actions beside the repo's, and refuses them with --no-builtins, whose
// bundle is the repo's alone.
func TestValidateWithBuiltins(t *testing.T) {
	values := []byte(`customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - logs_enricher: {}
  - pod_bash_enricher: {bash_command: ps}
`)
	if _, err := Validate(t.Context(), Options{Dir: "testdata/good"}, "values.yaml", values); err != nil {
		t.Errorf("with the built-ins: %v", err)
	}
	_, err := Validate(t.Context(), Options{Dir: "testdata/good", NoBuiltins: true}, "values.yaml", values)
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || !strings.Contains(l[0].Msg, `unknown action "logs_enricher"`) {
		t.Errorf("with --no-builtins: got %v, want one unknown action logs_enricher", err)
	}
}

package scan

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"PodBashEnricher": "pod_bash_enricher",
		"HTTPGet":         "http_get",
		"PodOOMKiller":    "pod_oom_killer",
		"GetPodIDs":       "get_pod_ids",
		"K8sEvents":       "k8s_events",
		"HTTP2Get":        "http2_get",
		"echo":            "echo",
		"ID":              "id",
		"my_action":       "my_action",
		"URLsToCheck":     "urls_to_check",
	} {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggestDirective(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"actoin", " (did you mean //robusta:action?)"},
		{"acton", " (did you mean //robusta:action?)"},
		{"rbca", " (did you mean //robusta:rbac?)"},
		{"Action", " (did you mean //robusta:action?)"}, // case is ignored
		{"frobnicate", " (known: //robusta:action, //robusta:rbac)"},
		{"a", " (known: //robusta:action, //robusta:rbac)"},
	} {
		if got := suggestDirective(tc.in); got != tc.want {
			t.Errorf("suggestDirective(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// scanSrc scans one file of source and returns the messages and the
// scanned result.
func scanSrc(t *testing.T, src string) (Result, []string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	res, diags := Files(fset, []*ast.File{f})
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.Error())
	}
	return res, msgs
}

func TestActions(t *testing.T) {
	res, msgs := scanSrc(t, `package p

// A is an action.
//
//robusta:action
func A() {}

//robusta:action name=b_renamed // the override says why
func B() {}

// C is not an action: a doc comment mentioning //robusta:action in prose
// is no directive.
func C() {}
`)
	if len(msgs) > 0 {
		t.Fatalf("diagnostics: %v", msgs)
	}
	var got []string
	for _, a := range res.Actions {
		got = append(got, a.Decl.Name.Name+":"+a.Name)
	}
	if diff := cmp.Diff([]string{"A:", "B:b_renamed"}, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
}

func TestRBAC(t *testing.T) {
	res, msgs := scanSrc(t, `package p

//robusta:rbac groups="",resources=pods;pods/log,verbs=get;list resourceNames=a;b

// A reads deployments.
//
//robusta:action
//robusta:rbac groups=apps resources=deployments verbs=get
func A() {}
`)
	if len(msgs) > 0 {
		t.Fatalf("diagnostics: %v", msgs)
	}
	type rule struct {
		Groups, Resources, Verbs, Names []string
		OnAction                        bool
	}
	var got []rule
	for _, r := range res.RBAC {
		got = append(got, rule{r.Rule.Groups, r.Rule.Resources, r.Rule.Verbs, r.Rule.ResourceNames, r.Decl != nil})
	}
	want := []rule{
		{[]string{""}, []string{"pods", "pods/log"}, []string{"get", "list"}, []string{"a", "b"}, false},
		{[]string{"apps"}, []string{"deployments"}, []string{"get"}, nil, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

func TestRBACValuePositions(t *testing.T) {
	_, msgs := scanSrc(t, `package p

//robusta:rbac groups="",resources=pods,verbs=get;lisst;Watch
`)
	want := []string{
		`x.go:3:51: //robusta:rbac: invalid verb value "lisst" (did you mean list?)`,
		`x.go:3:57: //robusta:rbac: invalid verb value "Watch" (did you mean watch?)`,
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

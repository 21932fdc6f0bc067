package build

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// graph is a `go mod graph` of a build module where the playbook repo asks
// for v1.3.0 while the generator asked for v1.2.0, and a library of the
// repo asks for v1.3.0 too.
const graph = `robusta.local/runner example.com/pb@v0.0.0
robusta.local/runner github.com/robusta-go/robusta@v1.2.0
example.com/pb@v0.0.0 github.com/robusta-go/robusta@v1.3.0
example.com/pb@v0.0.0 example.com/lib@v0.4.0
example.com/lib@v0.4.0 github.com/robusta-go/robusta@v1.3.0
example.com/lib@v0.4.0 github.com/robusta-go/robusta@v1.3.0
github.com/robusta-go/robusta@v1.3.0 k8s.io/api@v0.36.3`

// TestCheckSkew is the decision table: which generator may build against
// which selected runtime, and what a clash says.
func TestCheckSkew(t *testing.T) {
	released := Generator{Version: "v1.2.0"}
	local := Generator{Version: "(devel)", Local: true}
	for _, tc := range []struct {
		name     string
		gen      Generator
		selected resolved
		// wantBy is nil for no error, else the modules named as requiring
		// the selected version.
		wantBy []string
		// wantText are parts of the message.
		wantText []string
	}{
		{name: "released generator, same version", gen: released, selected: resolved{Version: "v1.2.0"}},
		{name: "local generator, local checkout", gen: local, selected: resolved{Version: "v0.0.0", Local: true}},
		{name: "released generator, repo replaces the runtime by a directory", gen: released, selected: resolved{Version: "v1.2.0", Local: true}},
		{
			name: "released generator, newer runtime required", gen: released, selected: resolved{Version: "v1.3.0"},
			wantBy: []string{"example.com/lib@v0.4.0", "example.com/pb@v0.0.0"},
			wantText: []string{
				"this robusta-gen is github.com/robusta-go/robusta v1.2.0, but the runner would be built with github.com/robusta-go/robusta v1.3.0, required by example.com/lib@v0.4.0, example.com/pb@v0.0.0",
				"go run github.com/robusta-go/robusta/cmd/robusta-gen@v1.3.0 build",
				"go get github.com/robusta-go/robusta@v1.2.0",
			},
		},
		{
			name: "local generator, runtime from the module cache", gen: local, selected: resolved{Version: "v1.3.0"},
			wantBy: []string{"example.com/lib@v0.4.0", "example.com/pb@v0.0.0"},
			wantText: []string{
				"built from a local checkout of github.com/robusta-go/robusta, but the runner would be built with github.com/robusta-go/robusta v1.3.0 from the module cache",
				"go run github.com/robusta-go/robusta/cmd/robusta-gen@v1.3.0 build",
				"replace github.com/robusta-go/robusta => /path/to/checkout",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked := false
			err := checkSkew(tc.gen, tc.selected, func() string { asked = true; return graph })
			if tc.wantBy == nil {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				if asked {
					t.Error("the graph was computed without a clash")
				}
				return
			}
			var skew *SkewError
			if !errors.As(err, &skew) {
				t.Fatalf("err = %v, want a *SkewError", err)
			}
			if diff := cmp.Diff(tc.wantBy, skew.RequiredBy); diff != "" {
				t.Errorf("required by (-want +got):\n%s", diff)
			}
			for _, s := range tc.wantText {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("message lacks %q:\n%s", s, err)
				}
			}
		})
	}
}

// TestSkewWithoutGraph: when go mod graph fails, the clash is still
// reported, naming the playbook repo.
func TestSkewWithoutGraph(t *testing.T) {
	err := checkSkew(Generator{Version: "v1.2.0"}, resolved{Version: "v1.3.0"}, func() string { return "" })
	if err == nil || !strings.Contains(err.Error(), "required by the playbook repo") {
		t.Errorf("err = %v", err)
	}
}

package gen

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/robusta-go/robusta/internal/diag"
)

// TestValidate checks values files against testdata/good's actions with the
// runtime's loader, without compiling the playbooks: good.yaml passes, and
// every problem of bad.yaml is reported at the line its `# want` names.
func TestValidate(t *testing.T) {
	opts := Options{Dir: "testdata/good", NoBuiltins: true} // builtins_test.go has them
	good := "testdata/values/good.yaml"
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Validate(t.Context(), opts, good, data); err != nil {
		t.Errorf("Validate(%s): %v", good, err)
	}

	bad, err := filepath.Abs("testdata/values/bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Validate(t.Context(), opts, bad, data)
	var got diag.List
	if !errors.As(err, &got) {
		t.Fatalf("Validate(%s) = %v, want a diag.List", bad, err)
	}
	var want []*expectation
	for _, w := range wants(t, "testdata/values") {
		if w.pos.Filename == bad {
			want = append(want, w)
		}
	}
	checkWants(t, got, want)
}

package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommand builds robusta-gen and checks what a user sees: exit status
// 1 and one "file:line:col: message" per problem, paths relative to the
// current directory, for generate on a bad repo and validate on a bad
// values file.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "robusta-gen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		dir   string
		args  []string
		lines []string // each must be a line of the output
	}{{
		dir:  "../../gen/testdata/bad",
		args: []string{"generate"},
		lines: []string{
			"directives.go:13:1: unknown directive //robusta:actoin (did you mean //robusta:action?)",
			"typeerr/typeerr.go:12:65: undefined: Missing",
		},
	}, {
		dir:  "../../gen/testdata/good",
		args: []string{"validate", "--values", "../values/bad.yaml"},
		lines: []string{
			`../values/bad.yaml:11:5: unknown action "pod_bash_enricer" (did you mean "pod_bash_enricher"?)`,
		},
	}} {
		cmd := exec.Command(bin, tc.args...)
		cmd.Dir = tc.dir
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("%s: err = %v, want exit status 1\n%s", tc.args[0], err, out)
		}
		got := strings.Split(string(out), "\n")
		for _, want := range tc.lines {
			found := false
			for _, l := range got {
				found = found || l == want
			}
			if !found {
				t.Errorf("%s: output lacks line %q:\n%s", tc.args[0], want, out)
			}
		}
	}
}

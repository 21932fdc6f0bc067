package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runChart runs the chart command in this process.
func runChart(t *testing.T, args ...string) (stderr string, err error) {
	t.Helper()
	cmd := chartCmd()
	var buf bytes.Buffer
	cmd.SetErr(&buf)
	cmd.SetOut(&buf)
	cmd.SetArgs(args)
	cmd.SilenceUsage = true
	err = cmd.ExecuteContext(t.Context())
	return buf.String(), err
}

func TestChartCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "my-runner")
	if _, err := runChart(t, "--out", out, "--name", "my-runner", "--chart-version", "1.2.0", "--image", "registry.example/my-runner:v3", "../../playbooks/..."); err != nil {
		t.Fatal(err)
	}
	chartYAML, err := os.ReadFile(filepath.Join(out, "Chart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nname: my-runner\n", "\nversion: 1.2.0\n", "\nappVersion: \"v3\"\n"} {
		if !strings.Contains(string(chartYAML), want) {
			t.Errorf("Chart.yaml lacks %q:\n%s", want, chartYAML)
		}
	}
	values, err := os.ReadFile(filepath.Join(out, "values.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(values), "repository: registry.example/my-runner\n") {
		t.Errorf("values.yaml does not name the image:\n%s", values)
	}
	for _, f := range []string{"values.schema.json", "README.md", "ACTIONS.md", "files/rbac.yaml", "templates/deployment.yaml"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}

	if _, err := runChart(t, "--out", out, "--chart-version", "1", "../../playbooks/..."); err == nil || !strings.Contains(err.Error(), `chart version "1" is not a SemVer 2 version`) {
		t.Errorf("bad version: err = %v", err)
	}
	if _, err := runChart(t, "../../playbooks/..."); err == nil || !strings.Contains(err.Error(), `"out" not set`) {
		t.Errorf("no --out: err = %v", err)
	}
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runChart(t, "--out", foreign, "../../playbooks/..."); err == nil || !strings.Contains(err.Error(), "refusing to replace them") {
		t.Errorf("foreign directory: err = %v", err)
	}
}

// TestChartBuiltins: like build, chart includes the built-in actions
// unless --no-builtins, so a runner and its chart agree by default.
func TestChartBuiltins(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"../../runtime/api"}, true},
		{[]string{"--no-builtins", "../../runtime/api"}, false},
	} {
		out := filepath.Join(t.TempDir(), "c")
		if _, err := runChart(t, append([]string{"--out", out}, tc.args...)...); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		schema, err := os.ReadFile(filepath.Join(out, "values.schema.json"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(schema), `"pod_bash_enricher"`); got != tc.want {
			t.Errorf("%v: schema offers pod_bash_enricher = %v, want %v", tc.args, got, tc.want)
		}
	}
}

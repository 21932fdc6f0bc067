package chart_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/gen/chart"
	"github.com/robusta-go/robusta/gen/internal/tooltest"
	"github.com/robusta-go/robusta/gen/model"
)

// bundles loads each bundle once per test binary: go/packages takes
// seconds.
var bundles = struct {
	good, stock func() (*model.Bundle, error)
}{
	good: sync.OnceValues(func() (*model.Bundle, error) {
		return gen.Analyze(context.Background(), gen.Options{Dir: "../testdata/good", NoBuiltins: true})
	}),
	stock: sync.OnceValues(func() (*model.Bundle, error) {
		return gen.Analyze(context.Background(), gen.Options{Dir: "../..", Patterns: []string{"./playbooks/..."}})
	}),
}

// goodBundle is gen/testdata/good: eleven actions in several packages,
// with package-level and per-action //robusta:rbac rules.
func goodBundle(t testing.TB) *model.Bundle {
	t.Helper()
	b, err := bundles.good()
	if err != nil {
		t.Fatalf("loading testdata/good: %v", err)
	}
	return b
}

// stockBundle is the built-in bundle, package playbooks.
func stockBundle(t testing.TB) *model.Bundle {
	t.Helper()
	b, err := bundles.stock()
	if err != nil {
		t.Fatalf("loading playbooks: %v", err)
	}
	return b
}

// stockChartDir is the committed chart, written by go generate.
const stockChartDir = "../../charts/robusta-runner"

// stockChart returns stockChartDir after reading its files: helm reads
// them in another process, which go test's cache does not see, and a
// cached pass must not outlive a change of the chart.
func stockChart(t testing.TB) string {
	t.Helper()
	err := filepath.WalkDir(stockChartDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		_, err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatalf("reading the stock chart: %v", err)
	}
	return stockChartDir
}

// writeChart writes b's chart into a new directory and returns it.
func writeChart(t testing.TB, b *model.Bundle, opts ...chart.Option) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "chart")
	files, err := chart.Files(b, dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := chart.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fileData returns the content of the rendered file rel (slash path).
func fileData(t testing.TB, b *model.Bundle, rel string, opts ...chart.Option) []byte {
	t.Helper()
	files, err := chart.Files(b, "out", opts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == filepath.Join("out", filepath.FromSlash(rel)) {
			return f.Data
		}
	}
	t.Fatalf("the chart has no %s", rel)
	return nil
}

// helm runs the real helm binary; it returns stdout and, on failure, an
// error holding stderr.
func helm(t testing.TB, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(tooltest.Path(t, "helm"), args...)
	// A private home: no user repositories or plugins change the result.
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HELM_CACHE_HOME="+home, "HELM_CONFIG_HOME="+home, "HELM_DATA_HOME="+home)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), &helmError{err: err, stderr: stderr.String()}
	}
	return stdout.String(), nil
}

type helmError struct {
	err    error
	stderr string
}

func (e *helmError) Error() string { return e.err.Error() + ": " + strings.TrimSpace(e.stderr) }

// valuesFile writes a values file into the test's directory.
func valuesFile(t testing.TB, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "values.yaml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

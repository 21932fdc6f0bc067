package gen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRerunAndStale generates a copy of testdata/good twice (the second
// run writes nothing), then removes one package's sources and another
// package's actions: the third run removes their registries and schemas,
// so that the repo still builds.
func TestRerunAndStale(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	copyRepo(t, "testdata/good", repo, root)
	opts := Options{Dir: repo, NoBuiltins: true} // as testdata/good's go:generate line
	if _, err := Generate(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	res, err := Generate(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written)+len(res.Removed) > 0 {
		t.Errorf("rerun wrote %v and removed %v, want nothing", res.Written, res.Removed)
	}

	if err := os.Remove(filepath.Join(repo, "changes", "changes.go")); err != nil {
		t.Fatal(err)
	}
	alerts := filepath.Join(repo, "alerts", "alerts.go")
	src, err := os.ReadFile(alerts)
	if err != nil {
		t.Fatal(err)
	}
	src = []byte(strings.ReplaceAll(string(src), "//robusta:action\n", ""))
	if err := os.WriteFile(alerts, src, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Generate(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var removed []string
	for _, f := range res.Removed {
		if filepath.IsAbs(f) {
			f, _ = filepath.Rel(repo, f)
		}
		removed = append(removed, filepath.ToSlash(f))
	}
	slices.Sort(removed)
	want := []string{
		"alerts/zz_generated.robusta.go",
		"changes/zz_generated.robusta.go",
		"robusta/actions/alert_http_get.schema.json",
		"robusta/actions/alert_note.schema.json",
		"robusta/actions/alert_threshold.schema.json",
		"robusta/actions/deployment_status_report.schema.json",
		"robusta/actions/heartbeat.schema.json",
		"robusta/actions/resource_babysitter.schema.json",
	}
	if diff := cmp.Diff(want, removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
}

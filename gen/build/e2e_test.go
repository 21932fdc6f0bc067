package build

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/gen/image"
	"github.com/robusta-go/robusta/gen/internal/tooltest"
)

// builtins are the built-in playbooks' actions.
var builtins = []string{"create_finding", "echo", "logs_enricher", "pod_bash_enricher", "pod_events_enricher", "resource_babysitter"}

// versionInfo is what robusta-runner --version prints.
type versionInfo struct {
	Version, Revision, Source string
	Actions                   []string
}

// TestBuildEndToEnd builds gen/testdata/good (copied, generated, made a
// git repository tagged v1.2.3) with the real toolchain, three times:
//
//  1. (none: a clash with a built-in name is a replacement now)
//  2. --binary with the built-ins and every package: two of its actions
//     replace built-ins of the same name, with a note each and main.go
//     leaving those built-ins out; the binary's --version shows the git
//     stamp, and both sets of actions, each name once;
//  3. --push, without the built-ins, into a registry on loopback, twice
//     (the second warm: its module comes from the cache): the real crane
//     reads back one digest for both builds, a config with
//     the non-root user, the platform and the labels, and a filesystem whose
//     entrypoint runs and lists the testdata's actions and no built-in.
func TestBuildEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles runners")
	}
	craneBin := tooltest.Path(t, "crane")
	ctx := context.Background()
	repo := goodRepo(t)
	head := strings.TrimSpace(git(t, repo, "rev-parse", "HEAD"))
	cache := t.TempDir()
	wantStamp := versionInfo{Version: "v1.2.3", Revision: head, Source: "https://example.com/goodpb.git"}

	// 2. --binary.
	bin := filepath.Join(t.TempDir(), "runner")
	var progress bytes.Buffer
	res, err := Build(ctx, Options{Dir: repo, Binary: bin, CacheDir: cache, Progress: &progress})
	if err != nil {
		t.Fatalf("build --binary: %v\n%s", err, progress.String())
	}
	for _, note := range []string{
		"build: note: action pod_bash_enricher of example.com/goodpb (" + filepath.Join(repo, "bash.go") + ":17:1) replaces the built-in one\n",
		"build: note: action resource_babysitter of example.com/goodpb/changes (" + filepath.Join(repo, "changes", "changes.go") + ":12:1) replaces the built-in one\n",
	} {
		if !strings.Contains(progress.String(), note) {
			t.Errorf("progress lacks %q", note)
		}
	}
	mainGo, err := os.ReadFile(filepath.Join(res.Dir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `builtin.Actions.Without("pod_bash_enricher", "resource_babysitter"),`; !strings.Contains(string(mainGo), want) {
		t.Errorf("main.go lacks %s:\n%s", want, mainGo)
	}
	t.Logf("build --binary:\n%s", progress.String())
	for _, step := range []string{"find playbook packages", "generate", "resolve modules", "compile linux/" + runtime.GOARCH} {
		if !strings.Contains(progress.String(), "build: "+step+" ... ") {
			t.Errorf("progress lacks step %q", step)
		}
	}
	got := runVersion(t, bin)
	if !slices.Equal(got.Actions, res.Actions) || !contains(got.Actions, builtins...) || !contains(got.Actions, "alert_http_get", "clash", "pod_oom_killer", "echo_line") {
		t.Errorf("--version actions %v; want the built-ins and the testdata's actions, as the result says (%v)", got.Actions, res.Actions)
	}
	if !slices.IsSorted(got.Actions) || len(slices.Compact(slices.Clone(got.Actions))) != len(got.Actions) {
		t.Errorf("--version actions %v: want each name once, sorted", got.Actions)
	}
	got.Actions = nil
	if diff := cmp.Diff(wantStamp, got); diff != "" {
		t.Errorf("--version stamp (-want +got):\n%s", diff)
	}

	// 3. --push, twice.
	ref := tooltest.Registry(t) + "/x/runner:v1"
	opts := Options{Dir: repo, NoBuiltins: true, Push: ref, CacheDir: cache}
	first, err := Build(ctx, opts)
	if err != nil {
		t.Fatalf("build --push: %v", err)
	}
	progress.Reset()
	opts.Progress = &progress
	second, err := Build(ctx, opts)
	if err != nil {
		t.Fatalf("build --push, again: %v", err)
	}
	t.Logf("build --push, again:\n%s", progress.String())
	if !second.Reused || second.Dir != first.Dir {
		t.Errorf("second build: reused %v dir %s, want the first's module %s reused", second.Reused, second.Dir, first.Dir)
	}

	digest := strings.TrimSpace(string(tooltest.Run(t, craneBin, "digest", ref)))
	if first.Digest != second.Digest || digest != second.Digest {
		t.Errorf("digests: first build %s, second %s, crane %s: want one", first.Digest, second.Digest, digest)
	}
	var cfg struct {
		OS           string `json:"os"`
		Architecture string `json:"architecture"`
		Config       struct {
			User       string
			Entrypoint []string
			Labels     map[string]string
		} `json:"config"`
	}
	if err := json.Unmarshal(tooltest.Run(t, craneBin, "config", ref), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Config.User != "65532:65532" || cfg.OS != "linux" || cfg.Architecture != runtime.GOARCH ||
		!slices.Equal(cfg.Config.Entrypoint, []string{image.EntrypointPath}) {
		t.Errorf("config: user %q os %q arch %q entrypoint %v", cfg.Config.User, cfg.OS, cfg.Architecture, cfg.Config.Entrypoint)
	}
	wantLabels := map[string]string{
		"org.opencontainers.image.title":    "robusta-runner",
		"org.opencontainers.image.version":  wantStamp.Version,
		"org.opencontainers.image.revision": wantStamp.Revision,
		"org.opencontainers.image.source":   wantStamp.Source,
		LabelActions:                        strings.Join(first.Actions, ","),
	}
	if diff := cmp.Diff(wantLabels, cfg.Config.Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	entry := exportFile(t, tooltest.Run(t, craneBin, "export", ref, "-"), image.EntrypointPath)
	got = runVersion(t, entry)
	if !slices.Equal(got.Actions, first.Actions) || contains(got.Actions, "create_finding") || !contains(got.Actions, "pod_bash_enricher", "resource_babysitter", "alert_http_get") {
		t.Errorf("image's --version actions %v; want the testdata's (%v) and no built-in", got.Actions, first.Actions)
	}
}

// goodRepo copies gen/testdata/good, tidies the copy (the runtime's
// requirements may have moved since the testdata was tidied), generates
// its registries, and commits it into a git repository tagged v1.2.3.
func goodRepo(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(t.TempDir(), "good")
	src := "../testdata/good"
	err = filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(repo, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = bytes.ReplaceAll(data, []byte("=> ../../.."), []byte("=> "+root))
		}
		return os.WriteFile(filepath.Join(repo, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	tooltest.Run(t, "go", "-C", repo, "mod", "tidy")
	if _, err := gen.Generate(context.Background(), gen.Options{Dir: repo}); err != nil {
		t.Fatalf("generating the testdata: %v", err)
	}
	gitInit(t, repo, "v1.2.3", "https://example.com/goodpb.git")
	return repo
}

// runVersion runs a runner's --version and decodes its JSON line.
func runVersion(t *testing.T, bin string) versionInfo {
	t.Helper()
	var v versionInfo
	if err := json.Unmarshal(tooltest.Run(t, bin, "--version"), &v); err != nil {
		t.Fatalf("%s --version: %v", bin, err)
	}
	return v
}

// exportFile finds name in a `crane export` tar stream and writes it to
// an executable temporary file.
func exportFile(t *testing.T, stream []byte, name string) string {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(stream))
	for {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("%s not in the exported filesystem: %v", name, err)
		}
		if strings.TrimPrefix(h.Name, "/") != strings.TrimPrefix(name, "/") {
			continue
		}
		p := filepath.Join(t.TempDir(), filepath.Base(name))
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// contains reports whether list holds every one of names.
func contains(list []string, names ...string) bool {
	for _, n := range names {
		if !slices.Contains(list, n) {
			return false
		}
	}
	return true
}

package runner_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/buildinfo"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/runner"
)

// mainEnv makes the test binary act as a runner binary: TestMain calls
// runner.Main, with the bundle it names, instead of running the tests. It
// is how a test sees what the binary does with its real standard output
// and exit code.
const mainEnv = "ROBUSTA_RUNNER_TEST_MAIN"

// bundles are the playbook packages a re-executed test binary runs with.
var bundles = map[string]func() []registry.Package{
	"builtins":  func() []registry.Package { return []registry.Package{playbooks.Actions} },
	"hold-only": func() []registry.Package { return []registry.Package{(&gate{}).pkg()} },
}

func TestMain(m *testing.M) {
	if name := os.Getenv(mainEnv); name != "" {
		runner.Main(bundles[name]()...) // exits 1 on error
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// --version prints one JSON line with the build and the actions of the
// bundle the binary was built with, exits 0, and needs no --config.
func TestVersion(t *testing.T) {
	info := buildinfo.Get()
	for _, bundle := range []string{"builtins", "hold-only"} {
		t.Run(bundle, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "--version")
			cmd.Env = append(os.Environ(), mainEnv+"="+bundle)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("--version: %v\nstderr:\n%s", err, &stderr)
			}
			if stderr.Len() > 0 {
				t.Errorf("--version wrote to stderr: %q", &stderr)
			}
			out := stdout.Bytes()
			if bytes.Count(out, []byte("\n")) != 1 || !bytes.HasSuffix(out, []byte("\n")) {
				t.Fatalf("--version output is not one line: %q", out)
			}

			// Exactly these keys: a script reads them.
			var keys map[string]json.RawMessage
			if err := json.Unmarshal(out, &keys); err != nil {
				t.Fatalf("--version output %q: %v", out, err)
			}
			if got, want := slices.Sorted(maps.Keys(keys)), []string{"actions", "goVersion", "revision", "source", "version"}; !slices.Equal(got, want) {
				t.Errorf("--version keys %v, want %v", got, want)
			}

			var got struct {
				Version, Revision, Source, GoVersion string
				Actions                              []string
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			want := []string{"hold"}
			if bundle == "builtins" {
				set, err := registry.NewSet(playbooks.Actions)
				if err != nil {
					t.Fatal(err)
				}
				want = set.Names()
			}
			if d := cmp.Diff(want, got.Actions); d != "" {
				t.Errorf("actions (-want +got):\n%s", d)
			}
			if !slices.IsSorted(got.Actions) {
				t.Errorf("actions are not sorted: %v", got.Actions)
			}
			if got.GoVersion != runtime.Version() {
				t.Errorf("goVersion %q, want %q", got.GoVersion, runtime.Version())
			}
			// The child is this very binary: the same build.
			if got.Version != info.Version || got.Revision != info.Revision || got.Source != info.Source {
				t.Errorf("build %q %q %q, want %q %q %q", got.Version, got.Revision, got.Source, info.Version, info.Revision, info.Source)
			}
		})
	}
}

// A bad flag is still an error, with or without --version.
func TestVersionRejectsArguments(t *testing.T) {
	cmd := exec.Command(os.Args[0], "--version", "extra")
	cmd.Env = append(os.Environ(), mainEnv+"=builtins")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("--version extra: %v, want exit status 1; output %q", err, out)
	}
	if !bytes.Contains(out, []byte("unexpected arguments: [extra]")) {
		t.Errorf("--version extra said %q", out)
	}
}

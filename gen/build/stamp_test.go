package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStampGit stamps a real git repository: the tag, the commit, the
// origin, and -dirty on both version and revision once a file changes.
func TestStampGit(t *testing.T) {
	repo := t.TempDir()
	writeFile(t, filepath.Join(repo, "go.mod"), "module example.com/pb\n")
	gitInit(t, repo, "v1.4.0", "https://example.com/pb.git")
	head := strings.TrimSpace(git(t, repo, "rev-parse", "HEAD"))
	ctx := context.Background()

	got := stampOf(ctx, repo, os.Environ(), "example.com/pb", "")
	want := Stamp{Version: "v1.4.0", Revision: head, Source: "https://example.com/pb.git"}
	if got != want {
		t.Errorf("clean: %+v, want %+v", got, want)
	}

	writeFile(t, filepath.Join(repo, "go.mod"), "module example.com/pb\n\ngo 1.26.8\n")
	got = stampOf(ctx, repo, os.Environ(), "example.com/pb", "")
	want = Stamp{Version: "v1.4.0-dirty", Revision: head + "-dirty", Source: "https://example.com/pb.git"}
	if got != want {
		t.Errorf("dirty: %+v, want %+v", got, want)
	}
}

// TestStampNoGit: outside git, the module's version or "devel", and the
// module path as the source.
func TestStampNoGit(t *testing.T) {
	dir := t.TempDir()
	env := append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
	if got, want := stampOf(context.Background(), dir, env, "example.com/pb", "(devel)"), (Stamp{Version: "devel", Source: "example.com/pb"}); got != want {
		t.Errorf("%+v, want %+v", got, want)
	}
	if got := stampOf(context.Background(), dir, env, "example.com/pb", "v0.3.0"); got.Version != "v0.3.0" {
		t.Errorf("module from the cache: version %q, want v0.3.0", got.Version)
	}
}

// TestLdflags quotes values the go command would otherwise split.
func TestLdflags(t *testing.T) {
	got, err := Stamp{Version: "v1", Source: "/home/me/my repo"}.ldflags()
	if err != nil {
		t.Fatal(err)
	}
	want := "-s -w -X " + stampPkg + ".Version=v1 -X '" + stampPkg + ".Source=/home/me/my repo'"
	if got != want {
		t.Errorf("ldflags\n got %s\nwant %s", got, want)
	}
	if _, err := (Stamp{Version: `it's "v1"`}).ldflags(); err == nil {
		t.Error("a value with both quotes: no error")
	}
}

// gitInit makes dir a repository with one commit, tagged, with an origin.
func gitInit(t *testing.T, dir, tag, origin string) {
	t.Helper()
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "init")
	git(t, dir, "tag", tag)
	git(t, dir, "remote", "add", "origin", origin)
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

package build

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// stampPkg is the package whose variables -X sets.
const stampPkg = RuntimeModule + "/runtime/buildinfo"

// Stamp is what a runner says about its own build (robusta-runner
// --version), and what the image's OCI labels say.
type Stamp struct {
	Version  string
	Revision string
	Source   string
}

// stampOf describes the playbook repo in dir: git describe for the
// version, the commit (with -dirty for a modified work tree) for the
// revision, the origin remote for the source. Outside git, the version is
// the main module's version or "devel", and the source its path: enough
// to tell builds apart without pretending to know more.
func stampOf(ctx context.Context, dir string, env []string, mainModule, moduleVersion string) Stamp {
	return gitStamp(ctx, dir, env).or(mainModule, moduleVersion)
}

// gitStamp runs the three git commands at once: a build starts them
// beside go list, so that they add nothing to a warm build's time. Its
// fields are empty outside git.
func gitStamp(ctx context.Context, dir string, env []string) Stamp {
	git := func(out *string, args ...string) func() {
		return func() {
			if b, err := command(ctx, dir, env, "git", args...); err == nil {
				*out = strings.TrimSpace(string(b))
			}
		}
	}
	var s Stamp
	var wg sync.WaitGroup
	wg.Go(git(&s.Version, "describe", "--tags", "--always", "--dirty"))
	wg.Go(git(&s.Revision, "rev-parse", "HEAD"))
	wg.Go(git(&s.Source, "remote", "get-url", "origin"))
	wg.Wait()
	if s.Version == "" {
		return Stamp{} // not a repository, or one without commits
	}
	if s.Revision != "" && strings.HasSuffix(s.Version, "-dirty") {
		s.Revision += "-dirty"
	}
	return s
}

// or completes a git stamp with the module's path as the source and, with
// no git at all, its version (or "devel").
func (s Stamp) or(mainModule, moduleVersion string) Stamp {
	if s.Source == "" {
		s.Source = mainModule
	}
	if s.Version == "" {
		s.Version = moduleVersion
		if s.Version == "" || s.Version == "(devel)" {
			s.Version = "devel"
		}
	}
	return s
}

// ldflags are go build's -ldflags: no symbol table or DWARF (-s -w), and
// the stamp. Values are quoted for the go command's flag splitting, which
// takes '...' and "..." like a shell.
func (s Stamp) ldflags() (string, error) {
	flags := []string{"-s", "-w"}
	for _, kv := range [][2]string{{"Version", s.Version}, {"Revision", s.Revision}, {"Source", s.Source}} {
		if kv[1] == "" {
			continue
		}
		arg := stampPkg + "." + kv[0] + "=" + kv[1]
		switch {
		case !strings.ContainsAny(arg, " \t\n'\""):
		case !strings.Contains(arg, "'"):
			arg = "'" + arg + "'"
		case !strings.Contains(arg, `"`):
			arg = `"` + arg + `"`
		default:
			return "", fmt.Errorf("cannot pass %s %q to the linker: it has both kinds of quotes", strings.ToLower(kv[0]), kv[1])
		}
		flags = append(flags, "-X", arg)
	}
	return strings.Join(flags, " "), nil
}

package build

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Build composes, compiles and packs a runner; see the package doc for the
// steps. Mistakes in the playbook repo (stale registries) come back as a
// diag.List; a version clash as a *SkewError.
func Build(ctx context.Context, opts Options) (*Result, error) {
	p, err := opts.plan()
	if err != nil {
		return nil, err
	}
	w := p.Progress
	if w == nil {
		w = io.Discard
	}
	prog := progress{w: w}
	g := currentGenerator()
	if p.Generator != nil {
		g = *p.Generator
	}
	res := &Result{}
	outs, cleanup, err := outputs(p)
	defer cleanup()
	if err != nil {
		return nil, err
	}
	git := sync.OnceValue(func() Stamp { return gitStamp(ctx, p.Dir, p.env) })
	go git() // beside go list: git adds nothing to the build's time

	var f *found
	err = prog.step("find playbook packages", func() (string, error) {
		f, err = find(ctx, p)
		if err != nil {
			return "", err
		}
		for _, pb := range f.Playbooks {
			res.Packages = append(res.Packages, pb.Path)
			for _, a := range pb.Registry.Actions {
				res.Actions = append(res.Actions, a.Name)
			}
		}
		slices.Sort(res.Actions)
		return fmt.Sprintf("(%s, %s)", plural(len(f.Playbooks), "package"), plural(len(res.Actions), "action")), nil
	})
	if err != nil {
		return nil, err
	}
	for _, n := range f.Notes {
		prog.note("%s", n)
	}
	// In robusta-go's own repo the patterns may match the built-ins
	// themselves; elsewhere, matching nothing is worth a word.
	if !slices.ContainsFunc(f.Playbooks, func(pb playbook) bool { return pb.Path != builtinPkg }) && f.Matched > 0 && !f.Runtime.Main {
		prog.note("note: %s matched no package with a generated registry; the runner has the built-in playbooks only", strings.Join(p.Patterns, " "))
	}

	var gomod, mainGo []byte
	var mp *modPlan
	err = prog.step("generate", func() (string, error) {
		if mp, err = planModule(f, g); err != nil {
			return "", err
		}
		if gomod, err = renderMod(mp.Data); err != nil {
			return "", err
		}
		if mainGo, err = renderMain(f.Playbooks); err != nil {
			return "", err
		}
		res.Stamp = git().or(mainModulePath(f), mainModuleVersion(f))
		return "", nil
	})
	if err != nil {
		return nil, err
	}

	err = prog.step("resolve modules", func() (string, error) {
		res.Dir, res.Reused, err = prepareModule(ctx, p, g, gomod, mainGo, mp.LocalDirs)
		if res.Reused {
			return "(cached)", err
		}
		return "", err
	})
	if err != nil {
		return nil, err
	}

	bins, err := compileAll(ctx, p, prog, res, outs)
	if err != nil {
		return nil, err
	}
	if p.OCILayout != "" || p.Tarball != "" || p.Push != "" {
		if err := pack(ctx, p, prog, res, bins); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// outputs are the binaries' absolute paths, one per platform: Options.Binary
// when there is one, else files in a temporary directory that cleanup
// removes.
func outputs(p *plan) ([]string, func(), error) {
	cleanup := func() {}
	if p.Binary != "" {
		out, err := filepath.Abs(p.Binary)
		if err != nil {
			return nil, cleanup, fmt.Errorf("locating --binary: %w", err)
		}
		return []string{out}, cleanup, nil
	}
	dir, err := os.MkdirTemp("", "robusta-build-")
	if err != nil {
		return nil, cleanup, fmt.Errorf("creating a directory for the binaries: %w", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	var outs []string
	for _, pl := range p.platforms {
		sub := filepath.Join(dir, strings.ReplaceAll(pl.String(), "/", "-"))
		if err := os.Mkdir(sub, 0o755); err != nil {
			return nil, cleanup, fmt.Errorf("creating a directory for the binaries: %w", err)
		}
		outs = append(outs, filepath.Join(sub, "robusta-runner"))
	}
	return outs, cleanup, nil
}

// compileAll compiles each platform into its output.
func compileAll(ctx context.Context, p *plan, prog progress, res *Result, outs []string) ([]binary, error) {
	ldflags, err := res.Stamp.ldflags()
	if err != nil {
		return nil, err
	}
	var bins []binary
	for i, pl := range p.platforms {
		c, err := compileCmd(pl, ldflags, outs[i])
		if err != nil {
			return nil, err
		}
		res.Compiles = append(res.Compiles, c)
		err = prog.step("compile "+pl.String(), func() (string, error) { return "", c.run(ctx, res.Dir, p.env) })
		if err != nil {
			return nil, err
		}
		bins = append(bins, binary{platform: pl, path: outs[i]})
	}
	return bins, nil
}

// mainModulePath is the playbook repo's module path: the stamp's source
// when the repo has no git remote.
func mainModulePath(f *found) string {
	for _, pb := range f.Playbooks {
		if pb.Module != nil && pb.Module.Main {
			return pb.Module.Path
		}
	}
	if len(f.Main) > 0 {
		return f.Main[0].Path
	}
	return buildModule
}

// mainModuleVersion is the version of the first playbook module that has
// one: a repo built from the module cache says which release it is.
func mainModuleVersion(f *found) string {
	for _, pb := range f.Playbooks {
		if pb.Module != nil && pb.Path != builtinPkg && pb.Module.Version != "" {
			return pb.Module.Version
		}
	}
	return ""
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

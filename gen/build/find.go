package build

import (
	"cmp"
	"context"
	"fmt"
	"go/token"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/robusta-go/robusta/gen/load"
	"github.com/robusta-go/robusta/internal/diag"
)

// playbook is a package with a generated registry.
type playbook struct {
	Path     string
	Name     string
	Module   *goModule
	Registry *registry
	// Without are the built-in actions a repo's action replaces; set on
	// the built-in package only, which main.go then composes as
	// builtin.Actions.Without(...).
	Without []string
}

// found is what the patterns matched.
type found struct {
	// Playbooks are the packages to compose, built-ins first, then by
	// import path.
	Playbooks []playbook
	// Runtime is the robusta module as the playbook repo resolves it.
	Runtime *goModule
	// Main are the main modules seen: their replace lines are copied.
	Main []*goModule
	// Matched counts the packages the user's patterns matched.
	Matched int
	// Notes name each built-in action a repo's action replaces.
	Notes []string
}

// find lists the patterns' packages, keeps those with a generated
// registry, and checks each registry against its package's directives.
// Metadata only: a type load would cost seconds on every build (and
// compile every dependency on a cold cache); the stale-registry check
// parses the few files it needs itself. One go list call: the built-in
// package (or, with no built-ins, the runner package) is added to the
// patterns so that the same call says where the runtime module is.
func find(ctx context.Context, p *plan) (*found, error) {
	extra := builtinPkg
	if p.NoBuiltins {
		extra = runnerPkg
	}
	pkgs, err := goList(ctx, p.Dir, p.env, append(slices.Clone(p.Patterns), extra))
	if err != nil {
		return nil, err
	}
	f := &found{}
	var diags diag.List
	fset := token.NewFileSet()
	mains := map[string]*goModule{}
	for _, pkg := range pkgs {
		if pkg.Module != nil && pkg.Module.Main {
			mains[pkg.Module.Path] = pkg.Module
		}
		if pkg.ImportPath == extra || pkg.ImportPath == builtinPkg {
			f.Runtime = pkg.Module
		}
		if pkg.ImportPath == extra && pkg.Error != nil {
			diags.Errorf(diag.Position{}, "cannot find %s: the playbook repo must require %s (go get %s)", extra, RuntimeModule, RuntimeModule)
			continue
		}
		if pkg.ImportPath == runnerPkg {
			continue
		}
		if pkg.ImportPath != extra {
			f.Matched++
		}
		diags.Append(listErrors(pkg))
		if pkg.ImportPath == builtinPkg && p.NoBuiltins {
			continue
		}
		reg, d := checkPackage(fset, pkg)
		diags.Append(d)
		if reg != nil {
			f.Playbooks = append(f.Playbooks, playbook{Path: pkg.ImportPath, Name: pkg.Name, Module: pkg.Module, Registry: reg})
		}
	}
	slices.SortFunc(f.Playbooks, func(a, b playbook) int {
		return cmp.Or(-cmp.Compare(boolInt(a.Path == builtinPkg), boolInt(b.Path == builtinPkg)), cmp.Compare(a.Path, b.Path))
	})
	f.Notes = replaceBuiltins(f.Playbooks)
	diags.Append(clashes(f.Playbooks))
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}
	if f.Runtime == nil {
		return nil, fmt.Errorf("cannot locate module %s from %s", RuntimeModule, orDot(p.Dir))
	}
	if len(f.Playbooks) == 0 {
		return nil, fmt.Errorf("no playbook packages: %s matched no package with a generated %s, and --no-builtins leaves out the built-in ones", strings.Join(p.Patterns, " "), load.RegistryFile)
	}
	for _, path := range slices.Sorted(maps.Keys(mains)) {
		f.Main = append(f.Main, mains[path])
	}
	return f, nil
}

// listErrors turns the go command's complaints about a package (a
// directory that does not exist, a pattern in no module) into
// diagnostics. Compile errors are go build's to report, later.
func listErrors(pkg *listed) diag.List {
	var l diag.List
	if e := pkg.Error; e != nil {
		pos := diag.ParsePosition(e.Pos)
		msg := e.Err
		if pos.File == "" && pkg.ImportPath != "" && !strings.Contains(msg, pkg.ImportPath) {
			msg = pkg.ImportPath + ": " + msg
		}
		l.Add(pos, msg)
	}
	return l
}

func orDot(dir string) string {
	if dir == "" {
		return "."
	}
	return filepath.Clean(dir)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

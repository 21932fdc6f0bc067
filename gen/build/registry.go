package build

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"

	"github.com/robusta-go/robusta/gen/emit"
	"github.com/robusta-go/robusta/gen/load"
	"github.com/robusta-go/robusta/gen/scan"
	"github.com/robusta-go/robusta/internal/diag"
)

// registry is what a package's zz_generated.robusta.go declares.
type registry struct {
	File    string
	Actions []registryAction
}

type registryAction struct {
	Name string
	// Pos is the Name field's position in the registry.
	Pos diag.Position
	// Source is the //robusta:action directive's position, when the
	// package's sources declare the action.
	Source diag.Position
}

// position is where to point a user at the action: its source when known.
func (a registryAction) position() diag.Position {
	if a.Source.IsValid() {
		return a.Source
	}
	return a.Pos
}

// checkPackage finds pkg's registry and checks that it lists exactly the
// actions its //robusta:action directives declare: a registry generated
// before an action was added, renamed or removed would otherwise be
// compiled into the runner without a word. It returns nil when the package
// has no registry (it is not a playbook package, or it is one that was
// never generated, which is a diagnostic).
//
// Only files that mention "//robusta:" are parsed, with go/parser and no
// type checking: this runs on every build and must stay cheap.
func checkPackage(fset *token.FileSet, pkg *listed) (*registry, diag.List) {
	var diags diag.List
	var regFile string
	var files []*ast.File
	for _, name := range pkg.GoFiles {
		if filepath.Base(name) == load.RegistryFile {
			regFile = name
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			diags.Errorf(diag.Position{File: name}, "reading: %v", err)
			continue
		}
		if !bytes.Contains(src, []byte("//"+scan.Tool+":")) {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue // go build reports syntax errors, with positions
		}
		files = append(files, f)
	}
	declared, d := scan.Files(fset, files)
	diags.Append(d)
	if regFile == "" {
		for _, a := range declared.Actions {
			diags.Errorf(diag.At(fset.Position(a.Pos)), "action %s (%s) is in no registry: package %s has no %s: run go generate",
				actionName(a), a.Decl.Name.Name, pkg.ImportPath, load.RegistryFile)
		}
		return nil, diags
	}
	reg, err := readRegistry(regFile)
	if err != nil {
		diags.Errorf(diag.Position{File: regFile}, "%v: run go generate", err)
		return nil, diags
	}
	listed := map[string]*registryAction{}
	for i := range reg.Actions {
		listed[reg.Actions[i].Name] = &reg.Actions[i]
	}
	want := map[string]bool{}
	for _, a := range declared.Actions {
		name := actionName(a)
		want[name] = true
		if ra := listed[name]; ra != nil {
			ra.Source = diag.At(fset.Position(a.Pos))
		} else {
			diags.Errorf(diag.At(fset.Position(a.Pos)), "action %s (%s) is missing from %s: run go generate",
				name, a.Decl.Name.Name, load.RegistryFile)
		}
	}
	for _, a := range reg.Actions {
		if !want[a.Name] {
			diags.Errorf(a.Pos, "%s lists action %s, which no //%s:action in package %s declares: run go generate",
				load.RegistryFile, a.Name, scan.Tool, pkg.ImportPath)
		}
	}
	return reg, diags
}

// replaceBuiltins lets a repo's action replace the built-in action of the
// same name, as a Robusta playbook repo's does (and as robusta-gen
// generate, validate and chart describe the bundle): the name leaves the
// built-in package's registry and goes into its Without list. It returns a
// note per replacement, naming both.
func replaceBuiltins(pbs []playbook) []string {
	i := slices.IndexFunc(pbs, func(pb playbook) bool { return pb.Path == builtinPkg })
	if i < 0 {
		return nil
	}
	builtin := &pbs[i]
	type declared struct {
		pkg string
		at  diag.Position
	}
	repo := map[string]declared{}
	for _, pb := range pbs {
		if pb.Path == builtinPkg {
			continue
		}
		for _, a := range pb.Registry.Actions {
			if _, seen := repo[a.Name]; !seen {
				repo[a.Name] = declared{pb.Path, a.position()}
			}
		}
	}
	var notes []string
	kept := builtin.Registry.Actions[:0:0]
	for _, a := range builtin.Registry.Actions {
		by, replaced := repo[a.Name]
		if !replaced {
			kept = append(kept, a)
			continue
		}
		builtin.Without = append(builtin.Without, a.Name)
		notes = append(notes, fmt.Sprintf("note: action %s of %s (%s) replaces the built-in one", a.Name, by.pkg, by.at))
	}
	builtin.Registry = &registry{File: builtin.Registry.File, Actions: kept}
	return notes
}

// clashes reports action names that two playbook packages both declare:
// the generator checks names within one repo, but only a build sees
// several repos' packages together, and a runner with a clash would refuse
// to start. Built-in names were resolved by replaceBuiltins first.
func clashes(pbs []playbook) diag.List {
	var diags diag.List
	first := map[string]registryAction{}
	firstPkg := map[string]string{}
	for _, pb := range pbs {
		for _, a := range pb.Registry.Actions {
			prev, dup := first[a.Name]
			if !dup {
				first[a.Name], firstPkg[a.Name] = a, pb.Path
				continue
			}
			diags.Errorf(a.position(), "action %s is declared by both %s and %s (%s): rename one with //%s:action name=...",
				a.Name, pb.Path, firstPkg[a.Name], prev.position(), scan.Tool)
		}
	}
	return diags
}

// actionName is the name the generator gives a directive's action.
func actionName(a scan.Action) string {
	if a.Name != "" {
		return a.Name
	}
	return scan.SnakeCase(a.Decl.Name.Name)
}

// readRegistry reads the action names of a generated registry, with the
// generator's own reader of the format.
func readRegistry(path string) (*registry, error) {
	l, err := emit.ParseRegistry(path, nil)
	if err != nil {
		return nil, err
	}
	reg := &registry{File: path}
	for _, a := range l.Actions {
		reg.Actions = append(reg.Actions, registryAction{Name: a.Name, Pos: a.Pos})
	}
	return reg, nil
}

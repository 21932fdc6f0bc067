package load

import (
	"cmp"
	"context"
	"fmt"
	"go/token"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/internal/diag"
	"github.com/robusta-go/robusta/internal/modpath"
)

// APIPath is the import path of the package that declares the event types.
const APIPath = modpath.API

// BuiltinPath is the import path of the built-in playbook bundle, which
// every command describes together with a repo's packages unless told
// otherwise, since every runner robusta-gen build makes holds it.
const BuiltinPath = modpath.Builtin

// BuildTag is set while loading; generated files are built only without it.
const BuildTag = "robusta_gen"

// RegistryFile is the file the generator writes into each package with
// actions, and which BuildTag hides from the load.
const RegistryFile = "zz_generated.robusta.go"

// Mode is what the analysis needs: syntax and types of the roots, module
// information for the output paths; dependencies' types come from export
// data.
const Mode = packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
	packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports | packages.NeedModule

// Result is what one load produced.
type Result struct {
	Fset *token.FileSet
	// Roots are the packages the patterns matched, sorted by import path,
	// without the api package unless a pattern named it.
	Roots []*packages.Package
	// API is the runtime's api package; nil when it could not be loaded
	// (a diagnostic says why).
	API *packages.Package
}

// Load loads patterns, relative to dir ("" is the current directory), and
// the api package. Diagnostics report broken packages; the error is for
// failures of the go command.
func Load(ctx context.Context, dir string, patterns ...string) (*Result, diag.List, error) {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{
		Context:    ctx,
		Dir:        dir,
		Mode:       Mode,
		BuildFlags: []string{"-tags=" + BuildTag},
		Fset:       token.NewFileSet(),
	}
	pkgs, err := packages.Load(cfg, append(slices.Clone(patterns), APIPath)...)
	if err != nil {
		return nil, nil, fmt.Errorf("loading packages: %w", err)
	}
	res := &Result{Fset: cfg.Fset}
	var diags diag.List
	for _, p := range pkgs {
		diags.Append(errorsOf(p, absDir(dir)))
		if p.PkgPath == APIPath {
			res.API = p
			if !slices.Contains(patterns, APIPath) {
				continue
			}
		}
		res.Roots = append(res.Roots, p)
	}
	slices.SortFunc(res.Roots, func(a, b *packages.Package) int {
		return cmp.Compare(a.PkgPath, b.PkgPath)
	})
	if res.API == nil || res.API.Types == nil || res.API.Types.Scope().Lookup("ExecutionEvent") == nil {
		diags.Errorf(diag.Position{}, "cannot load %s: the module must require github.com/robusta-go/robusta", APIPath)
		res.API = nil
	}
	return res, diags, nil
}

// absDir is where the go command runs, to which it makes paths relative.
func absDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	return abs
}

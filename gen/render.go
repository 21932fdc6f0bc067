package gen

import (
	"errors"
	"path/filepath"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/emit"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema"
	"github.com/robusta-go/robusta/internal/atomicfile"
	"github.com/robusta-go/robusta/internal/diag"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// Output is every file of a run, rendered, not yet written.
type Output struct {
	// Files are the registry files, then DIR/actions/*.schema.json,
	// DIR/values.schema.json and DIR/ACTIONS.md.
	Files []atomicfile.File
}

func (o *Output) paths() []string {
	p := make([]string, len(o.Files))
	for i, f := range o.Files {
		p[i] = f.Path
	}
	return p
}

// Render renders every file of b, with the schemas and docs in out.
// Problems with params types (a field the schema cannot describe, a bad
// jsonschema tag) are returned as a diag.List.
func Render(b *model.Bundle, out string) (o *Output, err error) {
	defer recoverInternal(&err)
	if b.API == nil {
		return nil, errors.New("rendering: the bundle has no api package (Analyze reported why)")
	}
	schemas, err := actionSchemas(b)
	if err != nil {
		return nil, err
	}
	o = &Output{}
	byPkg := map[*packages.Package][]*model.Action{}
	for _, a := range b.Actions {
		byPkg[a.Pkg] = append(byPkg[a.Pkg], a)
	}
	for _, p := range b.Packages {
		acts := byPkg[p]
		if len(acts) == 0 || !inMainModule(p) {
			// A dependency's registry is its own (the built-ins, read
			// from the module cache): never write into it.
			continue
		}
		data, err := emit.Registry(p.Types, b.API.Path(), acts, schemas.embedded, b.RBAC)
		if err != nil {
			return nil, err
		}
		o.Files = append(o.Files, atomicfile.File{Path: filepath.Join(pkgDir(p), emit.FileName), Data: data})
	}
	bundleFiles, err := bundleDocs(b, out)
	if err != nil {
		return nil, err
	}
	o.Files = append(o.Files, bundleFiles...)
	return o, nil
}

// schemaSet is every action's params schema, as schema.ForAction renders it.
type schemaSet map[*model.Action][]byte

// embedded is the schema the registry embeds: registry.Action.Schema is ""
// when the action takes no params.
func (s schemaSet) embedded(a *model.Action) string {
	if a.Params == nil {
		return ""
	}
	return string(s[a])
}

// actionSchemas builds every action's params schema, reporting the
// problems of all of them. It is schema.ForAction with one Generator for
// the whole bundle: ForAction indexes the bundle's packages on every call.
func actionSchemas(b *model.Bundle) (schemaSet, error) {
	var diags diag.List
	schemas := schemaSet{}
	g := schema.New(b)
	for _, a := range b.Actions {
		s, err := g.Action(a)
		if err == nil {
			schemas[a], err = rtschema.Marshal(s)
		}
		if err != nil {
			diags.Append(atAction(a, err))
		}
	}
	diags.Sort()
	return schemas, diags.Err()
}

// atAction is err as diagnostics: each mistake with a position of its own
// keeps it, any other is placed at a's declaration.
func atAction(a *model.Action, err error) diag.List {
	var l diag.List
	l.Collect(diag.At(a.Pkg.Fset.Position(a.Decl.Name.Pos())), err)
	return l
}

// pkgDir is the directory of p; "" when the go command found none.
func pkgDir(p *packages.Package) string {
	switch {
	case p.Dir != "":
		return p.Dir
	case len(p.GoFiles) > 0:
		return filepath.Dir(p.GoFiles[0])
	case len(p.IgnoredFiles) > 0:
		return filepath.Dir(p.IgnoredFiles[0])
	}
	return ""
}

// inMainModule reports whether p belongs to a module being worked on, the
// only packages whose registries a run writes.
func inMainModule(p *packages.Package) bool {
	return p.Module == nil || p.Module.Main
}

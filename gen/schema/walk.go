package schema

import (
	"go/token"
	"go/types"

	"github.com/invopop/jsonschema"

	"github.com/robusta-go/robusta/internal/diag"
	"github.com/robusta-go/robusta/internal/modpath"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/scope"
)

// scopeValues is the runtime's string-or-list type; its schema is the one
// runtime/schema reflects, from the type's JSONSchema method.
const scopeValues = modpath.Scope + ".Values"

// site is where a type is used: the field that has it, for errors.
type site struct {
	pos  token.Pos
	path string // Go field path, "Inner.Foo"; "" for the root type
}

func (s site) field(v *types.Var) site {
	if s.path == "" {
		return site{pos: v.Pos(), path: v.Name()}
	}
	return site{pos: v.Pos(), path: s.path + "." + v.Name()}
}

// walker builds one root type's schema and collects its errors.
type walker struct {
	g     *Generator
	owner string         // "params BashParams"
	stack []*types.Named // named types being expanded, to catch recursion
	errs  diag.List
}

// where names a site in messages: "field Foo of params BashParams".
func (w *walker) where(at site) string {
	if at.path == "" {
		return w.owner
	}
	return "field " + at.path + " of " + w.owner
}

func (w *walker) errorf(at site, format string, args ...any) {
	w.errs.Errorf(diag.At(w.g.fset.Position(at.pos)), format, args...)
}

func (w *walker) unsupported(t types.Type, at site) *jsonschema.Schema {
	w.errorf(at, "unsupported type %s in %s", types.TypeString(t, pkgName), w.where(at))
	return &jsonschema.Schema{}
}

// schema returns a fresh schema for t; callers may change it.
func (w *walker) schema(t types.Type, at site) *jsonschema.Schema {
	t = types.Unalias(t)
	if n, ok := t.(*types.Named); ok {
		return w.named(n, at)
	}
	return w.structural(t, t, at)
}

// named handles what a named type adds to its underlying type: the
// well-known types, custom unmarshalers, enums, doc comments, and the
// recursion guard.
func (w *walker) named(n *types.Named, at site) *jsonschema.Schema {
	obj := n.Obj()
	if obj.Pkg() != nil {
		switch obj.Pkg().Path() + "." + obj.Name() {
		case "time.Duration":
			return rtschema.Duration()
		case "time.Time":
			return &jsonschema.Schema{Type: "string", Format: "date-time"}
		case "encoding/json.RawMessage":
			return &jsonschema.Schema{}
		case scopeValues:
			return scope.Values(nil).JSONSchema()
		}
	}
	if hasMethod(n, "UnmarshalJSON") {
		return &jsonschema.Schema{}
	}
	if hasMethod(n, "UnmarshalText") && !isString(n) {
		return &jsonschema.Schema{Type: "string"}
	}
	for _, m := range w.stack {
		if types.Identical(m, n) {
			w.errorf(at, "recursive type %s in %s: schemas are inlined and cannot express recursion",
				types.TypeString(n, pkgName), w.where(at))
			return &jsonschema.Schema{}
		}
	}
	w.stack = append(w.stack, n)
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()

	s := w.structural(n.Underlying(), n, at)
	if _, ok := n.Underlying().(*types.Basic); ok {
		s.Enum = w.g.constants(n)
	}
	if s.Description == "" {
		s.Description = w.g.typeDoc(n)
	}
	return s
}

// structural returns the schema of u, the underlying type of shown (shown
// names the type in messages).
func (w *walker) structural(u, shown types.Type, at site) *jsonschema.Schema {
	switch u := u.(type) {
	case *types.Basic:
		return w.basic(u, shown, at)
	case *types.Pointer:
		return w.schema(u.Elem(), at)
	case *types.Slice:
		if isByte(u.Elem()) {
			return &jsonschema.Schema{Type: "string", ContentEncoding: "base64"}
		}
		return &jsonschema.Schema{Type: "array", Items: w.schema(u.Elem(), at)}
	case *types.Array:
		n := uint64(u.Len())
		return &jsonschema.Schema{Type: "array", Items: w.schema(u.Elem(), at), MinItems: &n, MaxItems: &n}
	case *types.Map:
		if !isString(u.Key()) {
			return w.unsupported(shown, at)
		}
		return &jsonschema.Schema{Type: "object", AdditionalProperties: w.schema(u.Elem(), at)}
	case *types.Struct:
		return w.object(u, at)
	case *types.Interface:
		if u.Empty() {
			return &jsonschema.Schema{}
		}
	}
	return w.unsupported(shown, at)
}

func (w *walker) basic(b *types.Basic, shown types.Type, at site) *jsonschema.Schema {
	info := b.Info()
	switch {
	case info&types.IsBoolean != 0:
		return &jsonschema.Schema{Type: "boolean"}
	case info&types.IsString != 0:
		return &jsonschema.Schema{Type: "string"}
	case info&types.IsUnsigned != 0:
		return &jsonschema.Schema{Type: "integer", Minimum: "0"}
	case info&types.IsInteger != 0:
		return &jsonschema.Schema{Type: "integer"}
	case info&types.IsFloat != 0:
		return &jsonschema.Schema{Type: "number"}
	}
	return w.unsupported(shown, at)
}

// object is a struct's schema: its encoding/json fields as properties.
func (w *walker) object(st *types.Struct, at site) *jsonschema.Schema {
	s := &jsonschema.Schema{Type: "object", AdditionalProperties: jsonschema.FalseSchema}
	for _, f := range jsonFields(st) {
		fat := at.field(f.v)
		p := w.schema(f.v.Type(), fat)
		if f.quoted {
			p = &jsonschema.Schema{Type: "string"}
		}
		required := !f.omit && !isPointer(f.v.Type())
		if doc := w.g.fieldDoc(f.v); doc != "" {
			p.Description = doc
		}
		required = w.tags(p, f, fat, required)
		if s.Properties == nil {
			s.Properties = jsonschema.NewProperties()
		}
		s.Properties.Set(f.name, p)
		if required {
			s.Required = append(s.Required, f.name)
		}
	}
	return s
}

func hasMethod(n *types.Named, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), true, n.Obj().Pkg(), name)
	_, ok := obj.(*types.Func)
	return ok
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isByte(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uint8
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

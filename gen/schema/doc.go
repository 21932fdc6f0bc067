// Package schema builds the JSON Schema of an action's params from go/types,
// into github.com/invopop/jsonschema's Schema model.
//
// # Why not invopop's Reflector
//
// The Reflector sees only compiled types. robusta-gen has the playbook
// packages as syntax and type information, not as code it can call, and
// compiling a helper program per run to reflect them (ent's approach) costs
// seconds. So this package walks go/types itself and fills jsonschema.Schema
// values by hand, following the rules the Reflector and encoding/json follow,
// so that a schema says exactly what the registry's decoder will accept:
//
//   - property names come from json tags; an untagged exported field uses its
//     Go name; `json:"-"` and unexported fields are skipped; embedded structs
//     are inlined with encoding/json's dominance rules (shallower wins, then
//     tagged wins, otherwise the name is dropped);
//   - a property is required unless it is tagged omitempty or omitzero or is
//     a pointer; `jsonschema:"required"` forces it;
//   - `jsonschema:"..."` tags use invopop's syntax (enum=a,enum=b, default=,
//     minimum=, maximum=, minLength=, pattern=, format=, title=,
//     description=, example=, required, ...). Values are parsed by the
//     field's type: default=8 on an int is the number 8, on a bool "true" is
//     true; a value that does not parse is an error, and so is a key this
//     package does not know, because a silently ignored tag is a schema that
//     lies (controller-tools#887);
//   - `jsonschema_description:"..."` is honoured as the Reflector does;
//   - string, bool, integers (unsigned ones get minimum 0), floats;
//     time.Duration is a duration string (runtime/schema's Duration, the
//     form the registry's decoder converts), time.Time a date-time string,
//     scope.Values a string or a list of strings (its JSONSchema method's
//     answer, as the runtime reflects it), []byte a base64 string,
//     json.RawMessage and interface{} anything;
//     pointers have their element's schema (and are optional); slices and
//     arrays are arrays; map[string]T is an object whose
//     additionalProperties is T's schema; structs are objects with
//     additionalProperties false;
//   - a named type with a custom UnmarshalJSON accepts anything (its JSON
//     shape is its own business); one with UnmarshalText and a non-string
//     underlying type is a string;
//   - a named type with a basic underlying type whose package declares
//     exported constants of that type is an enum of those constants, in
//     declaration order: the convention of controller-tools' +k8s:enum, so
//     `type Mode string` with `const ModeFast Mode = "fast"` needs no tag.
//     An enum= tag replaces the list.
//
// Descriptions come from the doc comments already loaded: a field's doc
// comment, else its trailing line comment, else (for a named struct) the
// type's doc comment. Lines of a paragraph are joined; paragraphs stay apart.
// Types from packages loaded without syntax get no description. Nothing is
// read from disk, so the result does not depend on the working directory
// (invopop#190).
//
// # Why everything is inlined
//
// No schema here has a $ref. The values schema nests every action's params
// several levels deep, and draft-07 ignores the siblings of a $ref (a
// description beside it is lost); a definitions table would also have to be
// keyed by a name, which is where invopop collides same-named types of two
// packages (#42). Inlining has neither problem: nothing is keyed by a type
// name at all. The price is that a recursive params type cannot be expressed;
// it is reported as an error at the field that recurses. Params are
// configuration, and recursive configuration has not been seen in a
// playbook.
//
// # Errors
//
// Unsupported types (channels, functions, complex numbers, non-empty
// interfaces, maps with non-string keys), recursive types and bad tags are
// errors positioned at the field, such as
//
//	bad.go:12:2: unsupported type chan int in field Foo of params BashParams
//
// Every error of a type is collected; the functions return them together
// as an internal/diag List (sorted by position, without repeats), so a
// caller can print err.Error() as is, one error per line, or unwrap the
// *diag.Error values. A caller gathering the errors of several actions
// collects them into one List (List.Collect) and sorts it, so a bad type
// shared by several actions is reported once.
//
// # Use
//
// New indexes a bundle once; Generator.Action and Generator.Type then build
// schemas from it, from any goroutine. ForAction is the one-shot form that
// returns the JSON the registry embeds (no $schema: the runtime compiles it
// as draft-07); package gen/values adds $schema and a title for the
// actions/<name>.schema.json files.
package schema

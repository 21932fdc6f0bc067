// Package scope implements Robusta's scope blocks: include/exclude rules that
// trigger filters apply to Kubernetes objects and sinks apply to findings.
//
//	scope:
//	  include:
//	    - name: [api-.*, web]          # name is api-… OR web
//	      namespace: prod              #   AND namespace is prod
//	    - labels: "team=sre, tier!=db" # OR: team=sre AND tier is not db
//	  exclude:
//	    - severity: INFO
//
// # Semantics
//
// The rules are those of the Python original (robusta's utils/scope.py), pinned
// by its own test vectors, which scope_conformance_test.go runs as-is:
//
//   - Exclude is checked first: if any exclude entry matches, the subject does
//     not match. Otherwise an empty include matches everything, and a
//     non-empty include matches when any of its entries does.
//   - Inside an entry every attribute must match (AND). An attribute given a
//     list matches when any element matches (OR).
//   - A plain attribute ("name", "title", ...) matches when a regex matches
//     its value in full, as Python's re.fullmatch: each regex is compiled as
//     ^(?:re)$, after checking that re compiles on its own (so "a)|(b" cannot
//     escape the anchors).
//   - A map attribute ("labels", "annotations", "namespace_labels") takes
//     expressions of comma-separated pairs, "k1=re1, k2!=re2", all of which
//     must hold. Whitespace around keys and regexes is trimmed, and so is the
//     subject's value before matching, as in Python. k=re holds when key k is
//     present and its value matches re in full; k!=re holds when key k is
//     present and its value does not match re. An absent key fails both
//     forms: != means "present with another value", not "not present with
//     this value". A pair is split at its first '=', with a '!' just before
//     it meaning !=, and expressions are split at every ',', so a regex inside
//     a pair cannot contain a comma.
//   - The path attribute ("attributes", Robusta's pydash paths) takes
//     expressions of comma-separated pairs "p1=v1, p2!=v2" where each path
//     reaches into the subject's raw form (Subject.Raw): dotted keys, with
//     [n] or a numeric key indexing a list. A pair is split at its last
//     '='. path=v holds when the path reaches a scalar equal to v ignoring
//     case (null reads as "none", as Python prints it); path!=v holds
//     otherwise, including when the path reaches nothing or a map or list,
//     as in Robusta. On triggers the raw form is the object; on sinks it is
//     the finding (title, severity, aggregation_key, subject.labels.app,
//     ...), which Robusta's sinks lack.
//
// Two deliberate departures from the Python code, neither reached by its
// vectors: Python only ever evaluates the first expression of a map
// attribute given as a list, where this package ORs them like plain
// regexes; and problems Python only meets while matching (a pair without
// '=', a bad regex, an attribute with no value) are Compile errors here.
//
// # Compile, then Match
//
// Params is the configuration shape, decoded from JSON or YAML; a value may be
// one string or a list of strings. Compile checks it against the attribute
// names the caller supports (ObjectPlain/ObjectMaps for trigger filters,
// FindingPlain/FindingMaps for sinks) and compiles every regex. It reports
// every problem it finds, each as an *Error carrying the JSON path of the
// offending value, joined with errors.Join; an unknown attribute name comes
// with a "did you mean" suggestion picked by edit distance.
//
// The values the attributes hold are the caller's: for sinks the engine
// gives Robusta's spelling (kind lower case, type ISSUE / CONF_CHANGE /
// HEALTH_CHECK / REPORT, namespace_labels from a cached namespace list;
// see runtime/engine's subject.go and docs/robusta-keys.md), so that a
// Robusta user's sink scopes match what they matched there.
//
// Match runs once per object or finding and is built not to allocate: the
// scope is fully compiled, entries are sorted slices, and a Subject hands
// attributes over through two closures instead of a map built per call. It
// calls only those closures and regexp's MatchString.
package scope

package lsptest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// marker is where the cursor is in a test document. Positions are found
// from it rather than counted by hand, so editing a document cannot leave
// a stale column behind.
const marker = "<|>"

// cursor removes the one marker from text and returns the text and the
// marker's LSP position (zero-based line, UTF-16 character).
func cursor(t *testing.T, text string) (string, Position) {
	t.Helper()
	if n := strings.Count(text, marker); n != 1 {
		t.Fatalf("test document has %d %q markers, want exactly 1:\n%s", n, marker, text)
	}
	i := strings.Index(text, marker)
	before := text[:i]
	line := strings.Count(before, "\n")
	col := before[strings.LastIndex(before, "\n")+1:]
	return before + text[i+len(marker):], Position{Line: line, Character: len(utf16.Encode([]rune(col)))}
}

// document writes a values.yaml whose first line names schemaPath with a
// yaml-language-server modeline, and returns its URI and text. body starts
// at the second line, so marker lines count from there plus one.
func document(t *testing.T, dir, name, schemaPath, body string) (uri, text string) {
	t.Helper()
	abs, err := filepath.Abs(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	text = "# yaml-language-server: $schema=" + abs + "\n" + body
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if uri, err = FileURI(path); err != nil {
		t.Fatal(err)
	}
	return uri, text
}

// schemaFile is the part of a generated values.schema.json the tests read
// their expectations from, so they follow the schema instead of a copy.
type schemaFile struct {
	raw map[string]any
}

func loadSchema(t *testing.T, path string) schemaFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading schema: %v", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	return schemaFile{raw: raw}
}

// at walks a path of object keys, resolving "#/definitions/..." refs on
// the way; it fails the test when the schema has no such node.
func (s schemaFile) at(t *testing.T, path ...string) map[string]any {
	t.Helper()
	cur := s.resolve(s.raw)
	for i, key := range path {
		next, ok := cur[key].(map[string]any)
		if !ok {
			t.Fatalf("schema has no object at %s", strings.Join(path[:i+1], "/"))
		}
		cur = s.resolve(next)
	}
	return cur
}

func (s schemaFile) resolve(node map[string]any) map[string]any {
	for range 16 { // bounded: a ref cycle is a broken schema, not a hang
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		parts := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
		next := s.raw
		for _, p := range parts {
			next, _ = next[p].(map[string]any)
		}
		if next == nil {
			return node
		}
		node = next
	}
	return node
}

// keys returns the sorted property names of the object at path.
func (s schemaFile) keys(t *testing.T, path ...string) []string {
	t.Helper()
	props := s.at(t, append(path, "properties")...)
	out := make([]string, 0, len(props))
	for k := range props {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// enum returns the sorted string enum values of the node at path.
func (s schemaFile) enum(t *testing.T, path ...string) []string {
	t.Helper()
	out := enumOf(s.at(t, path...))
	if len(out) == 0 {
		t.Fatalf("schema has no string enum at %s", strings.Join(path, "/"))
	}
	sort.Strings(out)
	return out
}

// sortedLabels returns the completion labels sorted and de-duplicated.
func sortedLabels(items []Item) []string {
	l := Labels(items)
	sort.Strings(l)
	return slices.Compact(l)
}

// namedSchema is one generated values schema the editor tests run against.
type namedSchema struct{ name, path string }

// schemaPaths lists the generated values schemas: the built-in bundle's
// and, once the stock Helm chart is in the tree (its Chart.yaml exists),
// the chart's. Both are generated, committed files, so a missing schema is
// a failure, not a skip.
func schemaPaths(t *testing.T) []namedSchema {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	schemas := []namedSchema{
		{"bundle", filepath.Join(root, "playbooks", "robusta", "values.schema.json")},
	}
	chart := filepath.Join(root, "charts", "robusta-runner")
	if _, err := os.Stat(filepath.Join(chart, "Chart.yaml")); err == nil {
		schemas = append(schemas, namedSchema{"chart", filepath.Join(chart, "values.schema.json")})
	}
	for _, s := range schemas {
		if _, err := os.Stat(s.path); err != nil {
			t.Fatalf("generated schema %s: %v", s.name, err)
		}
	}
	return schemas
}

// triggersAccepted returns the triggers an action accepts, read from the
// playbook's if/then rules (Contract 2): the `then` set of the rule whose
// `if` names the action, or every trigger when no rule names it.
func (s schemaFile) triggersAccepted(t *testing.T, action string) []string {
	t.Helper()
	pb := s.at(t, "properties", "customPlaybooks", "items")
	rules, _ := pb["allOf"].([]any)
	for _, r := range rules {
		rule, _ := r.(map[string]any)
		names := enumOf(dig(rule, "if", "properties", "actions", "contains", "propertyNames"))
		if slices.Contains(names, action) {
			out := enumOf(dig(rule, "then", "properties", "triggers", "items", "propertyNames"))
			if len(out) == 0 {
				t.Fatalf("the if/then rule for %s has no trigger enum", action)
			}
			return out
		}
	}
	return s.keys(t, "properties", "customPlaybooks", "items", "properties", "triggers", "items")
}

func dig(node map[string]any, path ...string) map[string]any {
	for _, p := range path {
		node, _ = node[p].(map[string]any)
	}
	return node
}

// enumOf returns a node's string enum values (nil for a nil node).
func enumOf(node map[string]any) []string {
	vals, _ := node["enum"].([]any)
	var out []string
	for _, v := range vals {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// openAt writes body (with one cursor marker) as a values.yaml under the
// modeline, opens it in the server, and returns its URI and the marker's
// position in the opened document.
func openAt(t *testing.T, c *Client, dir, name, schemaPath, body string) (string, Position) {
	t.Helper()
	body, pos := cursor(t, body)
	uri, text := document(t, dir, name, schemaPath, body)
	pos.Line++ // the modeline is line 0
	if err := c.Open(uri, text); err != nil {
		t.Fatal(err)
	}
	return uri, pos
}

// docName gives each document its own file, so one server can hold them
// all open at once.
func docName(prefix string, i int) string {
	return prefix + "-" + strconv.Itoa(i) + ".values.yaml"
}

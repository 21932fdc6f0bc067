package config

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// convertYAML parses src and converts its document, returning the value and
// the problems as "line:col: message".
func convertYAML(t *testing.T, src string, subst func(*yaml.Node, string) string) (any, []string) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	var problems []string
	budget := 1000
	c := &converter{
		report: func(n *yaml.Node, format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%d:%d: %s", n.Line, n.Column, fmt.Sprintf(format, args...)))
		},
		subst:  subst,
		budget: &budget,
	}
	v := c.value(&doc)
	if c.failed != (len(problems) > 0) {
		t.Errorf("failed = %v with problems %q", c.failed, problems)
	}
	return v, problems
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     any
		problems []string
	}{
		{"string", `a: hello`, map[string]any{"a": "hello"}, nil},
		{"quoted number is a string", `a: "42"`, map[string]any{"a": "42"}, nil},
		{"explicit !!str", `a: !!str 42`, map[string]any{"a": "42"}, nil},
		{"int", `a: 42`, map[string]any{"a": json.Number("42")}, nil},
		{"hex and underscores", `[0x10, 1_000, -7]`, []any{json.Number("16"), json.Number("1000"), json.Number("-7")}, nil},
		{"explicit !!int", `a: !!int "12"`, map[string]any{"a": json.Number("12")}, nil},
		{"float", `[1.5, 1e3, -0.25]`, []any{json.Number("1.5"), json.Number("1000"), json.Number("-0.25")}, nil},
		{"explicit !!float", `a: !!float 3`, map[string]any{"a": json.Number("3")}, nil},
		{"bool", `[true, false, !!bool "true"]`, []any{true, false, true}, nil},
		{"YAML 1.1 yes is a string", `a: yes`, map[string]any{"a": "yes"}, nil},
		{"null", `[~, null, !!null ""]`, []any{nil, nil, nil}, nil},
		{"empty value", "a:\n", map[string]any{"a": nil}, nil},
		{"timestamp kept as written", `a: 2024-01-02`, map[string]any{"a": "2024-01-02"}, nil},
		{"nested", "a:\n  b: [1, {c: d}]\n", map[string]any{"a": map[string]any{"b": []any{json.Number("1"), map[string]any{"c": "d"}}}}, nil},
		{"alias", "a: &x {k: v}\nb: *x\n", map[string]any{"a": map[string]any{"k": "v"}, "b": map[string]any{"k": "v"}}, nil},
		{
			"merge key, own keys win",
			"base: &b {x: 1, y: 2}\nthis:\n  <<: *b\n  y: 3\n",
			map[string]any{"base": map[string]any{"x": json.Number("1"), "y": json.Number("2")}, "this": map[string]any{"x": json.Number("1"), "y": json.Number("3")}},
			nil,
		},
		{
			"merge of a list, first wins",
			"a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n",
			map[string]any{"a": map[string]any{"x": json.Number("1")}, "b": map[string]any{"x": json.Number("2"), "y": json.Number("2")}, "c": map[string]any{"x": json.Number("1"), "y": json.Number("2")}},
			nil,
		},
		{"bad merge", "a:\n  <<: 3\n", map[string]any{"a": map[string]any{}}, []string{"2:7: a merge key (<<) takes a mapping or a list of mappings, got the number 3"}},
		{"int key", "200: x\n", map[string]any{}, []string{"1:1: mapping keys must be strings, got the number 200"}},
		{"null key", "~: x\n", map[string]any{}, []string{"1:1: mapping keys must be strings, got null"}},
		{"bool key", "true: x\n", map[string]any{}, []string{"1:1: mapping keys must be strings, got the boolean true"}},
		{"mapping key", "? {a: b}\n: x\n", map[string]any{}, []string{"1:3: mapping keys must be strings, got a mapping"}},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", map[string]any{"a": json.Number("1"), "b": json.Number("2")}, []string{`3:1: duplicate key "a" (first at line 1)`}},
		{"infinity", "[.inf, -.Inf, .nan]", []any{nil, nil, nil}, []string{
			"1:2: .inf is not a number JSON can hold",
			"1:8: -.Inf is not a number JSON can hold",
			"1:15: .nan is not a number JSON can hold",
		}},
		{"bad explicit int", `a: !!int abc`, map[string]any{"a": nil}, []string{`1:4: "abc" is not a number`}},
		{"bad explicit bool", `a: !!bool maybe`, map[string]any{"a": nil}, []string{`1:4: "maybe" is not a boolean`}},
		{"custom tag", `a: !vault secret/x`, map[string]any{"a": nil}, []string{`1:4: unsupported YAML tag "!vault"`}},
		{"recursive alias in a list", "a: &a [1, *a]\n", map[string]any{"a": []any{json.Number("1"), nil}}, []string{"1:11: alias *a refers to a node that contains it"}},
		{"recursive alias in a mapping", "a: &a {b: *a}\n", map[string]any{"a": map[string]any{"b": nil}}, []string{"1:11: alias *a refers to a node that contains it"}},
		{"recursive merge", "a: &a {<<: *a, b: 1}\n", map[string]any{"a": map[string]any{"b": json.Number("1")}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, problems := convertYAML(t, tc.src, nil)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.problems, problems); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestConvertSubst(t *testing.T) {
	upper := func(_ *yaml.Node, s string) string { return strings.ToUpper(s) }
	got, problems := convertYAML(t, "a: x\nb: [y, 1, true]\nz: w\n", upper)
	want := map[string]any{"a": "X", "b": []any{"Y", json.Number("1"), true}, "z": "W"}
	if diff := cmp.Diff(want, got); diff != "" || problems != nil {
		t.Errorf("value (-want +got):\n%s\nproblems: %q", diff, problems)
	}
}

// TestConvertBudget: aliases that expand exponentially stop at the budget
// with one problem.
func TestConvertBudget(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f"} {
		src += fmt.Sprintf("%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", n, n, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = n
	}
	_, problems := convertYAML(t, src, nil)
	if len(problems) != 1 || !strings.Contains(problems[0], "too large") {
		t.Errorf("problems = %q, want one about size", problems)
	}
}

func TestLocate(t *testing.T) {
	src := `base: &b
  inherited: 1
params:
  <<: *b
  list:
  - a
  - {deep: x}
  scalar: 3
`
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path     []string
		key, val string // "line:col", "" for nil
		ok       bool
	}{
		{nil, "", "1:1", true},
		{[]string{"params"}, "3:1", "4:3", true},
		{[]string{"params", "list", "1", "deep"}, "7:6", "7:12", true},
		{[]string{"params", "list", "0"}, "", "6:5", true},
		{[]string{"params", "inherited"}, "2:3", "2:14", true},
		{[]string{"params", "missing", "x"}, "3:1", "4:3", false},
		{[]string{"params", "list", "9"}, "5:3", "6:3", false},
		{[]string{"params", "scalar", "x"}, "8:3", "8:11", false},
	}
	at := func(n *yaml.Node) string {
		if n == nil {
			return ""
		}
		return fmt.Sprintf("%d:%d", n.Line, n.Column)
	}
	for _, tc := range tests {
		k, v, ok := locate(&doc, tc.path)
		if at(k) != tc.key || at(v) != tc.val || ok != tc.ok {
			t.Errorf("locate(%q) = %s, %s, %v; want %s, %s, %v", tc.path, at(k), at(v), ok, tc.key, tc.val, tc.ok)
		}
	}
}

func TestDescribe(t *testing.T) {
	for src, want := range map[string]string{
		"x":      `"x"`,
		"'3'":    `"3"`,
		"3":      "the number 3",
		"true":   "the boolean true",
		"~":      "null",
		"[1]":    "a list",
		"{a: b}": "a mapping",
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		if got := describe(&doc); got != want {
			t.Errorf("describe(%s) = %s, want %s", src, got, want)
		}
	}
}

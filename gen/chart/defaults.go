package chart

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/gen/load"
	"github.com/robusta-go/robusta/gen/model"
)

// defaultsYAML holds the playbooks the chart's builtinPlaybooks and
// platformPlaybooks default to: Robusta's default Kubernetes playbooks
// (see the file).
//
//go:embed defaults.yaml
var defaultsYAML []byte

// defaultLists are the default playbook lists of a bundle's values.yaml.
type defaultLists struct {
	// Builtin and Platform follow "builtinPlaybooks:" and
	// "platformPlaybooks:" in values.yaml: " []", or a block list.
	Builtin, Platform string
	// BuiltinNames and PlatformNames name the playbooks, for the README's
	// values table; "" when there are none.
	BuiltinNames, PlatformNames string
}

// defaultPlaybooks renders the default playbooks that b can run: those
// whose every action is a built-in one in b. The stock bundle has all of
// them, and so has every bundle built with the built-ins; one built with
// --no-builtins has none. An action of the repo that replaces a built-in
// one takes the default out too: its params and events may differ, and
// defaults the chart's schema rejects would fail every helm install.
func defaultPlaybooks(b *model.Bundle) (defaultLists, error) {
	have := map[string]bool{}
	for _, a := range b.Actions {
		have[a.Name] = a.Pkg.PkgPath == load.BuiltinPath
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(defaultsYAML, &doc); err != nil {
		return defaultLists{}, fmt.Errorf("parsing the default playbooks: %w", err)
	}
	var d defaultLists
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, list := root.Content[i].Value, root.Content[i+1]
		text, names, err := renderList(list, have)
		if err != nil {
			return defaultLists{}, fmt.Errorf("default %s: %w", key, err)
		}
		switch key {
		case "builtinPlaybooks":
			d.Builtin, d.BuiltinNames = text, names
		case "platformPlaybooks":
			d.Platform, d.PlatformNames = text, names
		default:
			return defaultLists{}, fmt.Errorf("default playbooks: unknown list %s", key)
		}
	}
	return d, nil
}

// renderList keeps the playbooks of list whose actions are all built-in
// ones (true in have) and writes them as YAML.
func renderList(list *yaml.Node, have map[string]bool) (text, names string, err error) {
	kept := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	var kn []string
	for _, pb := range list.Content {
		if !runnable(pb, have) {
			continue
		}
		kept.Content = append(kept.Content, pb)
		kn = append(kn, field(pb, "name").Value)
	}
	if len(kept.Content) == 0 {
		return " []", "", nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(kept); err != nil {
		return "", "", err
	}
	if err := enc.Close(); err != nil {
		return "", "", err
	}
	return "\n" + strings.TrimSuffix(buf.String(), "\n"), strings.Join(kn, ", "), nil
}

// runnable reports whether every action of the playbook pb is true in have.
func runnable(pb *yaml.Node, have map[string]bool) bool {
	actions := field(pb, "actions")
	for _, a := range actions.Content {
		if len(a.Content) == 0 || !have[a.Content[0].Value] {
			return false
		}
	}
	return len(actions.Content) > 0
}

// field is the value of key in the mapping m; an empty node when absent.
func field(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return &yaml.Node{}
}

package config

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// conformanceValues names Robusta's own chart values (internal/conformance),
// read as they are, in messages.
const conformanceValues = conformance.HelmValuesFile

// builtinLists are the keys of Robusta's chart values that hold the
// built-in playbooks its users run.
var builtinLists = []string{keyPriority, keyBuiltin, keyPlatform}

// playbookItems reads the conformance file and returns its root mapping
// and the playbook items of builtinLists, in order, with their list's name.
func playbookItems(t *testing.T) (*yaml.Node, []*yaml.Node) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(conformance.HelmValues, &doc); err != nil {
		t.Fatal(err)
	}
	root := resolve(&doc)
	var items []*yaml.Node
	for _, e := range entries(root, nil) {
		if slices.Contains(builtinLists, e.Name) {
			items = append(items, resolve(e.Value).Content...)
		}
	}
	if len(items) < 40 {
		t.Fatalf("found %d playbooks in %s, want the chart's ~45", len(items), conformanceValues)
	}
	return root, items
}

// loadNode runs the loader on a node tree built by a test.
func loadNode(file string, root *yaml.Node, actions *registry.Set) (*Config, error) {
	ld := newLoader(file, actions, nil)
	ld.load(root)
	return ld.result()
}

func scalar(tag, v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v} }

func mapping(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

// actionNames lists the action names a playbook item uses.
func actionNames(item *yaml.Node) []string {
	var names []string
	for _, e := range entries(resolve(item), nil) {
		if e.Name != "actions" {
			continue
		}
		for _, a := range resolve(e.Value).Content {
			if es := entries(resolve(a), nil); len(es) > 0 {
				names = append(names, es[0].Name)
			}
		}
	}
	return names
}

// triggerNames lists the trigger names a playbook item uses.
func triggerNames(item *yaml.Node) []string {
	var names []string
	for _, e := range entries(resolve(item), nil) {
		if e.Name != "triggers" {
			continue
		}
		for _, tr := range resolve(e.Value).Content {
			if es := entries(resolve(tr), nil); len(es) > 0 {
				names = append(names, es[0].Name)
			}
		}
	}
	return names
}

// TestConformanceRefusedWithoutActions: with none of Robusta's actions, the
// chart's playbooks (platform ones enabled) are all refused, each with a
// positioned error at one of its own lines.
func TestConformanceRefusedWithoutActions(t *testing.T) {
	root, items := playbookItems(t)
	doc := mapping(scalar("!!str", keyEnablePlatform), scalar("!!bool", "true"))
	for _, e := range entries(root, nil) {
		if slices.Contains(builtinLists, e.Name) {
			doc.Content = append(doc.Content, e.Key, e.Value)
		}
	}
	empty, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	_, err = loadNode(conformanceValues, doc, empty)
	list, ok := err.(ErrorList)
	if !ok {
		t.Fatalf("error is %T, want ErrorList", err)
	}
	lines := map[int]bool{}
	for _, e := range list {
		lines[e.Pos.Line] = true
		known := false
		// The platform playbooks also name robusta_ui_sink, which only a
		// sinksConfig the chart leaves empty would define.
		for _, prefix := range []string{"unknown action ", "unknown trigger ", "unknown filter ", `filter "scope.`, `unknown sink "robusta_ui_sink"`} {
			known = known || strings.HasPrefix(e.Msg, prefix)
		}
		if !known {
			t.Errorf("unexpected problem: %v", e)
		}
	}
	for i, item := range items {
		end := 1 << 30
		if i+1 < len(items) {
			end = items[i+1].Line
		}
		refused := false
		for l := range lines {
			refused = refused || l >= item.Line && l < end
		}
		if !refused {
			t.Errorf("playbook %q at line %d was not refused", playbookName(item), item.Line)
		}
	}
}

// TestConformanceLoadsWithStubs: with a stub for every action the chart
// uses, every playbook whose triggers robusta-go has loads (k8s_providers
// included); the others are refused for their unknown triggers only.
func TestConformanceLoadsWithStubs(t *testing.T) {
	_, items := playbookItems(t)
	var names []string
	for _, it := range items {
		for _, n := range actionNames(it) {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	all := trigger.Names()
	slices.Sort(all)
	pkg := registry.Package{Path: "example.com/robustastubs"}
	for _, n := range names {
		pkg.Actions = append(pkg.Actions, registry.Action{
			Name: n, Event: "api.ExecutionEvent", Triggers: all, Schema: `{"type":"object"}`,
			Accepts: accepts[api.ExecutionEvent],
			Bind: func([]byte) (registry.Func, error) {
				return func(context.Context, api.ExecutionEvent) error { return nil }, nil
			},
		})
	}
	stubs, err := registry.NewSet(pkg)
	if err != nil {
		t.Fatal(err)
	}

	unknown := map[string][]string{} // trigger -> playbooks
	loaded := 0
	for _, item := range items {
		name := playbookName(item)
		var missing []string
		for _, tr := range triggerNames(item) {
			if _, ok := trigger.Lookup(tr); !ok && !slices.Contains(missing, tr) {
				missing = append(missing, tr)
				unknown[tr] = append(unknown[tr], name)
			}
		}
		// The playbook alone, with the sink the platform playbooks name.
		doc := mapping(
			scalar("!!str", keySinks), seq(mapping(scalar("!!str", "stdout_sink"), mapping(scalar("!!str", "name"), scalar("!!str", "robusta_ui_sink")))),
			scalar("!!str", keyCustom), seq(item),
		)
		cfg, err := loadNode(conformanceValues, doc, stubs)
		switch {
		case len(missing) > 0:
			list, ok := err.(ErrorList)
			if !ok {
				t.Errorf("%s: uses %q but loaded", name, missing)
				continue
			}
			for _, e := range list {
				if !strings.HasPrefix(e.Msg, "unknown trigger ") {
					t.Errorf("%s: unexpected problem besides unknown triggers: %v", name, e)
				}
			}
		case err != nil:
			t.Errorf("%s: want it to load:\n%v", name, err)
		default:
			loaded++
			if len(cfg.Playbooks) != 1 || cfg.Playbooks[0].Name != name {
				t.Errorf("%s: loaded %+v", name, cfg.Playbooks)
			}
		}
	}
	var report []string
	for tr, pbs := range unknown {
		report = append(report, fmt.Sprintf("%s (%s)", tr, strings.Join(pbs, ", ")))
	}
	slices.Sort(report)
	t.Logf("%d of %d playbooks load; triggers robusta-go lacks:\n  %s",
		loaded, len(items), strings.Join(report, "\n  "))
}

package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// playbookKeys are the keys of one playbook.
var playbookKeys = []string{"triggers", "actions", "sinks", "stop", "name"}

// loadPlaybooks gathers the playbook lists in the order the Helm chart
// renders them, drops the disabled ones, and checks the rest.
func (ld *loader) loadPlaybooks(top map[string]entry) {
	get := func(key string) []*yaml.Node {
		if e, ok := top[key]; ok {
			return ld.list(e.Value, key)
		}
		return nil
	}
	var items []*yaml.Node
	items = append(items, get(keyPriority)...)
	items = append(items, get(keyCustom)...)
	if e, ok := top[keyNamed]; ok {
		named, _ := ld.mapping(e.Value, keyNamed)
		slices.SortStableFunc(named, func(a, b entry) int { return strings.Compare(a.Name, b.Name) })
		for _, n := range named {
			items = append(items, ld.list(n.Value, keyNamed+"."+n.Name)...)
		}
	}
	items = append(items, get(keyBuiltin)...)
	platform := get(keyPlatform)
	if e, ok := top[keyEnablePlatform]; ok && ld.boolean(e.Value, keyEnablePlatform) {
		items = append(items, platform...)
	}

	disabled := ld.disabled(top, append(slices.Clip(items), platform...))
	index := 0
	for _, it := range items {
		if name := playbookName(it); name != "" && disabled[name] {
			continue
		}
		ld.loadPlaybook(it, index)
		index++
	}
}

// disabled reads disabledPlaybooks; every name must be the name of a
// playbook in the file.
func (ld *loader) disabled(top map[string]entry, all []*yaml.Node) map[string]bool {
	e, ok := top[keyDisabled]
	if !ok {
		return nil
	}
	var names []string
	for _, it := range all {
		if n := playbookName(it); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	out := map[string]bool{}
	for _, el := range ld.list(e.Value, keyDisabled) {
		s, ok := ld.str(el, "a disabledPlaybooks entry")
		if !ok {
			continue
		}
		if _, found := slices.BinarySearch(names, s); !found {
			ld.errorf(el, "unknown playbook %q in disabledPlaybooks%s", s, didYouMean(s, names))
			continue
		}
		out[s] = true
	}
	return out
}

// playbookName is the name key of a playbook item, "" when it has none.
func playbookName(n *yaml.Node) string {
	r := resolve(n)
	if r == nil || r.Kind != yaml.MappingNode {
		return ""
	}
	for _, e := range entries(r, nil) {
		if v := resolve(e.Value); e.Name == "name" && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
			return v.Value
		}
	}
	return ""
}

// loadPlaybook checks one playbook and, when it has no problem, adds it.
func (ld *loader) loadPlaybook(n *yaml.Node, index int) {
	mark := len(ld.errs)
	if isNull(n) {
		ld.errorf(n, "a playbook must be a mapping with triggers and actions, got null")
		return
	}
	es, ok := ld.mapping(n, "a playbook")
	if !ok {
		return
	}
	pb := Playbook{Name: fmt.Sprintf("playbook-%d", index), Pos: ld.pos(resolve(n))}
	var triggers, actions *entry
	for _, e := range es {
		switch e.Name {
		case "triggers":
			triggers = &e
		case "actions":
			actions = &e
		case "sinks":
			pb.Sinks = ld.playbookSinks(e.Value)
		case "stop":
			pb.Stop = ld.boolean(e.Value, "stop")
		case "name":
			if s, ok := ld.str(e.Value, "name"); ok {
				pb.Name = s
			}
		default:
			ld.errorf(e.Key, "unknown playbook key %q%s", e.Name, didYouMean(e.Name, playbookKeys))
		}
	}
	label := "playbook"
	if name := playbookName(n); name != "" {
		label += " " + strconv.Quote(name)
	}
	if triggers == nil {
		ld.errorf(n, "%s has no triggers", label)
	}
	if actions == nil {
		ld.errorf(n, "%s has no actions", label)
	}
	specs := ld.loadTriggers(triggers, &pb)
	ld.loadActions(actions, specs, &pb)
	if len(ld.errs) == mark {
		ld.cfg.Playbooks = append(ld.cfg.Playbooks, pb)
	}
}

// playbookSinks reads a playbook's sinks: names of sinksConfig entries. An
// empty list means no sinks; only an absent or null list means the default
// sinks.
func (ld *loader) playbookSinks(n *yaml.Node) []string {
	if isNull(n) {
		return nil
	}
	known := make([]string, 0, len(ld.sinkNames))
	for name := range ld.sinkNames {
		known = append(known, name)
	}
	slices.Sort(known)
	out := []string{}
	for _, el := range ld.list(n, "sinks") {
		s, ok := ld.str(el, "a sink name")
		if !ok {
			continue
		}
		if _, found := ld.sinkNames[s]; !found {
			ld.errorf(el, "unknown sink %q: sinksConfig defines no sink of that name%s", s, didYouMean(s, known))
			continue
		}
		out = append(out, s)
	}
	return out
}

// element reads one element of a triggers or actions list: a mapping with
// exactly one key, the name, whose value holds the params. list names the
// list, what and inner what the key and its value are. misindented is true
// when the element has more keys and the first has no value: the params
// were indented at the level of the name, so the first key's (empty)
// params are not worth checking.
func (ld *loader) element(el *yaml.Node, list, what, inner string) (e entry, misindented, ok bool) {
	r := resolve(el)
	if r == nil || r.Kind != yaml.MappingNode {
		ld.errorf(el, "an element of %s must map %s name to its %s, got %s", list, what, inner, describe(el))
		return entry{}, false, false
	}
	es := entries(r, ld.errorf)
	if len(es) == 0 {
		ld.errorf(el, "an element of %s must map %s name to its %s, got an empty mapping", list, what, inner)
		return entry{}, false, false
	}
	one := strings.TrimSuffix(what[strings.IndexByte(what, ' ')+1:], " type") // "an action" -> "action"
	for _, extra := range es[1:] {
		ld.errorf(extra.Key, "each element of %s takes exactly one key, found %q beside %q (indent %s under %q; start a new \"- \" item for another %s)", list, extra.Name, es[0].Name, inner, es[0].Name, one)
	}
	return es[0], len(es) > 1 && isNull(es[0].Value), true
}

// nonEmpty returns the elements of a required list, reporting an empty one.
func (ld *loader) nonEmpty(e *entry) []*yaml.Node {
	if e == nil {
		return nil
	}
	if isNull(e.Value) {
		ld.errorf(e.Key, "%s must not be empty", e.Name)
		return nil
	}
	els := ld.list(e.Value, e.Name)
	if len(els) == 0 && resolve(e.Value).Kind == yaml.SequenceNode {
		ld.errorf(e.Value, "%s must not be empty", e.Name)
	}
	return els
}

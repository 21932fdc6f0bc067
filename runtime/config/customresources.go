package config

import (
	"strings"

	"gopkg.in/yaml.v3"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/robusta-go/robusta/runtime/kinds"
)

// keyCustomResources is the top-level customResources list: the kinds the
// runner watches as unstructured objects for the any-resource triggers.
const keyCustomResources = "customResources"

// customKeys are the keys of a customResources entry. The first three are
// kubewatch's (Robusta's watcher takes customresources the same way); kind
// is ours, so that resources can name the kind as Robusta users write it.
var customKeys = []string{"group", "version", "resource", "kind"}

// loadCustomResources reads customResources before the playbooks, whose
// on_kubernetes_resource_operation triggers may name them.
func (ld *loader) loadCustomResources(top map[string]entry) {
	e, ok := top[keyCustomResources]
	if !ok {
		return
	}
	seen := map[string]*yaml.Node{}
	for _, item := range ld.list(e.Value, keyCustomResources) {
		c, ok := ld.customEntry(item)
		if !ok {
			continue
		}
		if prev, dup := seen[c.Key()]; dup {
			ld.errorf(item, "customResources lists %s twice (first at line %d)", c.Key(), prev.Line)
			continue
		}
		seen[c.Key()] = item
		ld.cfg.CustomResources = append(ld.cfg.CustomResources, c)
	}
}

// customEntry reads one {group, version, resource[, kind]} entry.
func (ld *loader) customEntry(n *yaml.Node) (kinds.Custom, bool) {
	var c kinds.Custom
	es, ok := ld.mapping(n, "a customResources entry")
	if !ok {
		return c, false
	}
	fields := map[string]*string{"group": &c.Group, "version": &c.Version, "resource": &c.Resource, "kind": &c.Kind}
	got := map[string]bool{}
	for _, e := range es {
		got[e.Name] = true
		dst, known := fields[e.Name]
		if !known {
			ld.errorf(e.Key, "unknown customResources key %q%s", e.Name, didYouMean(e.Name, customKeys))
			ok = false
			continue
		}
		v, isStr := ld.str(e.Value, "customResources "+e.Name)
		if isStr {
			if msg := customFieldProblem(e.Name, v); msg != "" {
				ld.errorf(e.Value, "customResources %s %q: %s", e.Name, v, msg)
				isStr = false
			}
		}
		ok = ok && isStr
		*dst = v
	}
	for _, k := range customKeys[:3] {
		if !got[k] {
			ld.errorf(n, "a customResources entry needs %s: give group, version and resource, as in `kubectl api-resources` (e.g. {group: example.com, version: v1, resource: widgets})", k)
			ok = false
		}
	}
	if ok {
		if k, builtin := builtinKind(c); builtin {
			ld.errorf(n, "customResources: %s is the built-in kind %s: its own triggers (on_%s_*) and the any-resource triggers watch it already", c.Key(), k.Name, k.Trigger)
			ok = false
		}
	}
	return c, ok
}

// customFieldProblem checks one value as the API server names things: a
// group is a DNS subdomain, a version and a resource DNS labels (CRDs'
// rules), a kind a name whose lower case is one.
func customFieldProblem(key, v string) string {
	var errs []string
	switch key {
	case "group":
		if v == "" {
			return "must not be empty: the core group's kinds are built in"
		}
		errs = validation.IsDNS1123Subdomain(v)
	case "version", "resource":
		errs = validation.IsDNS1035Label(v)
	case "kind":
		if v == "" || strings.ToUpper(v[:1]) != v[:1] {
			return "must start with an upper-case letter, as the kind does in the CRD (Widget)"
		}
		errs = validation.IsDNS1035Label(strings.ToLower(v))
	}
	return strings.Join(errs, "; ")
}

// builtinKind reports whether c names a kind of runtime/kinds, whatever the
// version.
func builtinKind(c kinds.Custom) (kinds.Kind, bool) {
	for _, k := range kinds.All {
		if k.Group == c.Group && k.Resource == c.Resource {
			return k, true
		}
	}
	return kinds.Kind{}, false
}

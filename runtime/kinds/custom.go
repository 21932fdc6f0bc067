package kinds

import "strings"

// Custom is a resource the values' customResources key names: a kind
// robusta-go has no Go type for (a CRD's, usually), watched as unstructured
// objects. Only the any-resource triggers fire on it.
type Custom struct {
	Group, Version, Resource string
	// Kind is optional in the values; the runner learns it from the API
	// server's discovery when it is empty, and refuses to start when it
	// differs from what the server says.
	Kind string
}

// Key identifies c in engine changes, metrics and trigger kind lists:
// "<resource>.<group>", the name of a CRD. Unlike the kind it is known
// without a cluster and cannot clash with another group's kind of the same
// name (Gateway is istio's and the Gateway API's).
func (c Custom) Key() string {
	if c.Group == "" {
		return c.Resource
	}
	return c.Resource + "." + c.Group
}

// GroupVersion is "group/version", or "version" for the core group, as
// API discovery names it.
func (c Custom) GroupVersion() string {
	if c.Group == "" {
		return c.Version
	}
	return c.Group + "/" + c.Version
}

// Names are what on_kubernetes_resource_operation's resources may call c
// by: its key, its resource and, when the values give it, its kind in
// lower case (Robusta's spelling: it compares resources with the kind
// lowercased).
func (c Custom) Names() []string {
	ns := []string{c.Key()}
	if c.Resource != c.Key() {
		ns = append(ns, c.Resource)
	}
	if c.Kind != "" {
		ns = append(ns, strings.ToLower(c.Kind))
	}
	return ns
}

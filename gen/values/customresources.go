package values

import "github.com/invopop/jsonschema"

// customResources is the top-level customResources list (runtime/config
// reads it): kinds without a Go type that the runner watches for the
// any-resource triggers, named as kubewatch's customresources are.
func customResources() *jsonschema.Schema {
	str := func(pattern, d string) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", MinLength: new(uint64(1)), Pattern: pattern, Description: d}
	}
	// The patterns are the API server's rules (a DNS subdomain, DNS
	// labels), so an editor flags what the runner would refuse.
	label := `^[a-z]([-a-z0-9]*[a-z0-9])?$`
	p := jsonschema.NewProperties()
	p.Set("group", str(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`, "The API group, e.g. cert-manager.io."))
	p.Set("version", str(label, "The served version to watch, e.g. v1."))
	p.Set("resource", str(label, "The resource, plural and lower case as kubectl api-resources lists it, e.g. certificates."))
	p.Set("kind", str(`^[A-Z]([-A-Za-z0-9]*[A-Za-z0-9])?$`, "The kind (Certificate). Optional: the runner learns it from the API server, and refuses to start when it differs; given, on_kubernetes_resource_operation's resources may name it in lower case."))
	return nullable(&jsonschema.Schema{
		Type: "array",
		Items: &jsonschema.Schema{
			Type: "object", Properties: p, Required: []string{"group", "version", "resource"},
			AdditionalProperties: jsonschema.FalseSchema,
		},
		Description: "Custom resources to watch as unstructured objects: the any-resource triggers fire on them, on_kubernetes_resource_operation's resources may name them (resource.group), and the chart grants get, list and watch on them. The runner refuses to start when the API server does not serve one.",
	})
}

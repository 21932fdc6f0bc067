package scope

// Attribute sets for Compile. They are shared, read-only values: Compile
// copies what it needs and never modifies them, and neither should callers.
var (
	// ObjectPlain and ObjectMaps are the attributes of a Kubernetes object,
	// used by trigger filters.
	ObjectPlain = []string{"name", "namespace"}
	ObjectMaps  = []string{"labels", "annotations"}

	// FindingPlain and FindingMaps are the attributes of a finding, used by
	// sink routing.
	FindingPlain = []string{"title", "name", "namespace", "kind", "node", "severity", "type", "source", "identifier"}
	FindingMaps  = []string{"labels", "annotations", "namespace_labels"}
)

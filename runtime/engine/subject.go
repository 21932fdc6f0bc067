package engine

import (
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/scope"
)

// findingSubject exposes a finding's attributes to a sink's scope, under
// Robusta's names and in its spelling (identifier is the aggregation key;
// kind is lower case, type and source are enum names). nsLabels reads the
// labels of the subject's namespace, only when a scope asks for
// namespace_labels.
func findingSubject(f *api.Finding, nsLabels func(namespace string) map[string]string) scope.Subject {
	return scope.Subject{
		Get: func(attr string) string {
			switch attr {
			case "title":
				return f.Title
			case "name":
				return f.Subject.Name
			case "namespace":
				return f.Subject.Namespace
			case "kind":
				// Robusta's subject types are lower case ("pod",
				// "deployment"). Robusta knows eight kinds and calls the
				// others "None"; here every kind is its own name, lowered.
				return strings.ToLower(f.Subject.Kind)
			case "node":
				return f.Subject.Node
			case "severity":
				return f.Severity.String()
			case "type":
				return robustaType(f.Type)
			case "source": // Robusta's enum names: PROMETHEUS, KUBERNETES_API_SERVER, NONE
				if f.Source == "" {
					return "NONE"
				}
				return strings.ToUpper(string(f.Source))
			case "identifier":
				return f.AggregationKey
			}
			return ""
		},
		Map: func(attr string) map[string]string {
			switch attr {
			case "labels":
				return f.Subject.Labels
			case "annotations":
				return f.Subject.Annotations
			case "namespace_labels":
				return nsLabels(f.Subject.Namespace)
			}
			return nil
		},
		Raw: func() any { return findingRaw(f) },
	}
}

// robustaType is a finding type as Robusta's scopes name it: its
// FindingType enum's names, ISSUE, CONF_CHANGE, HEALTH_CHECK, REPORT. A
// finding without a type is an ISSUE, Robusta's default.
func robustaType(t api.FindingType) string {
	switch t {
	case "":
		return "ISSUE"
	case api.TypeConfigChange:
		return "CONF_CHANGE"
	}
	return strings.ToUpper(string(t))
}

// findingRaw is what a sink scope's attributes paths read: the finding's
// fields under their JSON names (title, severity, aggregation_key,
// subject.kind, subject.labels.app, ...). Robusta has no attributes for
// sinks (its sink matcher fails on them); here they reach what a finding
// says about itself. Only sinks whose scope uses attributes build it.
func findingRaw(f *api.Finding) map[string]any {
	return map[string]any{
		"title":           f.Title,
		"description":     f.Description,
		"severity":        f.Severity.String(),
		"source":          string(f.Source),
		"finding_type":    string(f.Type),
		"aggregation_key": f.AggregationKey,
		"fingerprint":     f.Fingerprint,
		"playbook":        f.Playbook,
		"subject": map[string]any{
			"kind":        f.Subject.Kind,
			"name":        f.Subject.Name,
			"namespace":   f.Subject.Namespace,
			"node":        f.Subject.Node,
			"labels":      stringMap(f.Subject.Labels),
			"annotations": stringMap(f.Subject.Annotations),
		},
	}
}

func stringMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

package playbooks

import (
	"context"
	"maps"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// TemplateParams configures TemplateEnricher.
type TemplateParams struct {
	// Template is Markdown with variables: ${name}, ${kind}, ${namespace},
	// ${node}, and on an alert any of its labels and annotations (${pod},
	// ${summary}); an unknown variable becomes <missing>.
	Template string `json:"template,omitempty"`
}

// TemplateEnricher adds a paragraph of templated Markdown, such as a link
// to a dashboard of the subject.
//
//robusta:action
func TemplateEnricher(ctx context.Context, event api.KubernetesResourceEvent, params TemplateParams) error {
	event.AddEnrichment(api.MarkdownBlock(tmpl.Expand(params.Template, templateLookup(event))))
	return nil
}

// templateLookup is Robusta's _get_labels: an alert's labels, its
// annotations over them, and the finding subject's name, namespace, node
// and (lowercase) kind over both; labels.<key> and annotations.<key> read
// the subject's own.
func templateLookup(event api.ExecutionEvent) func(string) (string, bool) {
	s := event.DefaultFinding().Subject
	plain := map[string]string{}
	if a, ok := event.(*api.PrometheusAlertEvent); ok {
		maps.Copy(plain, a.Alert.Labels)
		maps.Copy(plain, a.Alert.Annotations)
	}
	subject := subjectLookup(s)
	for _, k := range []string{"name", "namespace", "node", "kind"} {
		if v, ok := subject(k); ok {
			plain[k] = v
		}
	}
	return tmpl.Lookup(plain, map[string]map[string]string{"labels": s.Labels, "annotations": s.Annotations})
}

// subjectFields are the fields finding_label_rules read, as Robusta names
// them: namespace, name, node, kind and labels.<key>, annotations.<key>.
func subjectFields(s api.Subject) map[string]string {
	m := map[string]string{"namespace": s.Namespace, "name": s.Name, "node": s.Node, "kind": strings.ToLower(s.Kind)}
	for k, v := range s.Labels {
		m["labels."+k] = v
	}
	for k, v := range s.Annotations {
		m["annotations."+k] = v
	}
	return m
}

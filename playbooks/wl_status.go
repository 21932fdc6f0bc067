package playbooks

import (
	"context"
	"fmt"
	"log/slog"

	"gopkg.in/yaml.v3"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/kubernetes/scheme"

	"github.com/robusta-go/robusta/runtime/api"
)

// StatusEnricherParams configures StatusEnricher.
type StatusEnricherParams struct {
	// ShowDetails adds each condition's message.
	ShowDetails bool `json:"show_details,omitempty"`
}

// StatusEnricher adds the table "*<Kind> status details:*" of the
// object's status conditions (Type, Status, and with show_details
// Message). An object without conditions gets nothing.
//
//robusta:action
func StatusEnricher(ctx context.Context, event api.KubernetesResourceEvent, params StatusEnricherParams) error {
	obj := event.GetResource()
	if api.IsNil(obj) {
		slog.Debug("status_enricher: the event has no resource", "event", fmt.Sprintf("%T", event))
		return nil
	}
	conds, _, err := unstructured.NestedSlice(api.Sanitize(obj), "status", "conditions")
	if err != nil {
		return fmt.Errorf("reading the conditions of %s %s: %w", api.KindOf(obj), obj.GetName(), err)
	}
	if len(conds) == 0 {
		return nil
	}
	headers := []string{"Type", "Status"}
	if params.ShowDetails {
		headers = append(headers, "Message")
	}
	rows := [][]string{}
	for _, c := range conds {
		m, _ := c.(map[string]any)
		row := []string{str(m["type"]), str(m["status"])}
		if params.ShowDetails {
			row = append(row, str(m["message"]))
		}
		rows = append(rows, row)
	}
	t := api.TableBlock(headers, rows)
	t.Name = "*" + api.KindOf(obj) + " status details:*"
	event.AddEnrichment(t)
	return nil
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// GetResourceYaml attaches the object as "<name>.yaml", after "Your YAML
// file for <Kind> <namespace>/<name>". The YAML is the object as finding
// content (api.Sanitize): no managedFields, no last-applied annotation,
// and a Secret's values replaced, where Robusta exports a Secret whole
// unless RESOURCE_YAML_BLOCK_LIST names its kind.
//
//robusta:action
func GetResourceYaml(ctx context.Context, event api.KubernetesResourceEvent) error {
	obj := event.GetResource()
	if api.IsNil(obj) {
		return api.ErrNoResource
	}
	m := api.Sanitize(obj)
	// Typed objects from the informers have no apiVersion and kind; the
	// file should read like kubectl get -o yaml.
	if gvks, _, err := scheme.Scheme.ObjectKinds(obj); err == nil && len(gvks) > 0 && m["kind"] == nil {
		m["apiVersion"], m["kind"] = gvks[0].GroupVersion().String(), gvks[0].Kind
	}
	b, err := yaml.Marshal(m)
	if err != nil {
		return fmt.Errorf("writing %s %s as YAML: %w", api.KindOf(obj), obj.GetName(), err)
	}
	kind := api.KindOf(obj)
	event.AddEnrichment(
		api.MarkdownBlock(fmt.Sprintf("Your YAML file for %s %s/%s", kind, obj.GetNamespace(), obj.GetName())),
		api.FileBlock(obj.GetName()+".yaml", b),
	)
	return nil
}

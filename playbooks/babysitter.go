package playbooks

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// BabysitterConfig configures ResourceBabysitter.
type BabysitterConfig struct {
	// IgnoredNamespaces are namespaces whose changes are not reported.
	IgnoredNamespaces []string `json:"ignored_namespaces,omitempty"`
}

// ResourceBabysitter reports what changed in a resource, as Robusta does: a
// configuration-change finding titled "deployment/prod/web.yaml updated"
// (created, deleted), described "Deployment updated" with the changed
// attributes, and the diff under "Kubernetes Manifest Change". For a Secret
// the diff names the keys of data and stringData that were added, removed
// or changed, never their values.
//
// Like Robusta's, it reports what the firing trigger's change_filters kept
// (api.Execution.ChangeFilter): under on_kubernetes_resource_operation's
// defaults an update that changes an image and spec.replicas shows the
// image only; a create or delete shows the object without the ignored
// fields. Robusta, given no change_filters, shows an update's diff with no
// changed attributes; here it shows every change. And where Robusta reports
// every update its trigger lets through, here an update left with no
// change (bookkeeping only: resourceVersion, managedFields, generation)
// reports nothing, whatever the trigger.
//
//robusta:action
func ResourceBabysitter(ctx context.Context, event api.KubernetesAnyChangeEvent, params BabysitterConfig) error {
	obj := event.GetObj()
	if obj == nil {
		return api.ErrNoResource
	}
	if slices.Contains(params.IgnoredNamespaces, obj.GetNamespace()) {
		return nil
	}
	op := event.GetOperation()
	var diff api.KubernetesDiff
	switch op {
	case api.OperationDelete:
		diff = api.KubernetesDiffBlock(obj, nil) // the object is gone: old is the last state
	default:
		diff = api.KubernetesDiffBlock(event.GetOldObj(), obj)
	}
	diff.Diffs = event.Execution().ChangeFilter().Diffs(op, diff.Diffs)
	if op == api.OperationUpdate && len(diff.Diffs) == 0 {
		return nil
	}
	subject := api.SubjectOf(obj)
	if subject.Kind == "Node" {
		subject.Node = subject.Name
	}
	f := &api.Finding{
		Title:          fmt.Sprintf("%s %sd", manifestName(subject), op),
		Description:    changeDescription(subject.Kind, op, diff.Diffs),
		Severity:       api.SeverityInfo,
		Source:         api.SourceKubernetesAPI,
		Type:           api.TypeConfigChange,
		AggregationKey: "ConfigurationChange/KubernetesResource/Change",
		Subject:        subject,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	event.AddFinding(f)
	api.AddTitledEnrichment(event, "Kubernetes Manifest Change", diff)
	return nil
}

// manifestName is Robusta's diff resource name: "<kind>/<namespace>/<name>.yaml",
// the kind lowercase, the namespace left out for a cluster-scoped object.
func manifestName(s api.Subject) string {
	parts := []string{strings.ToLower(s.Kind), s.Namespace, s.Name + ".yaml"}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), "/")
}

// changedAttributesShown is how many changed attributes the description
// names before "... (and N more)", as in Robusta.
const changedAttributesShown = 5

// changeDescription is Robusta's KubernetesDiffBlock description: "<Kind>
// created", "<Kind> deleted", or "<Kind> updated" and, on a new line, the
// last path element of each changed field, list indexes skipped.
func changeDescription(kind string, op api.Operation, diffs []api.Diff) string {
	switch op {
	case api.OperationCreate:
		return kind + " created"
	case api.OperationDelete:
		return kind + " deleted"
	}
	var fields []string
	for _, d := range diffs {
		if f := d.Field(); f != "" {
			fields = append(fields, f)
		}
	}
	desc := kind + " updated"
	switch {
	case len(fields) == 0:
	case len(fields) <= changedAttributesShown: // Robusta writes "(and 0 more)" for exactly five
		desc += "\n ● Attributes: " + strings.Join(fields, ", ")
	default:
		desc += fmt.Sprintf("\n ● Attributes: %s ... (and %d more)",
			strings.Join(fields[:changedAttributesShown], ", "), len(fields)-changedAttributesShown)
	}
	return desc
}

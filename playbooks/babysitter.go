package playbooks

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// BabysitterConfig configures ResourceBabysitter.
type BabysitterConfig struct {
	// IgnoredNamespaces are namespaces whose changes are not reported.
	IgnoredNamespaces []string `json:"ignored_namespaces,omitempty"`
}

// ResourceBabysitter reports what changed in a resource: a finding with a
// diff of the old and new object. Changes that touch only bookkeeping
// fields (resourceVersion, managedFields, generation) report nothing. For a
// Secret the diff names the keys of data and stringData that were added,
// removed or changed, never their values.
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
	diff := api.KubernetesDiffBlock(event.GetOldObj(), obj)
	if event.GetOperation() == api.OperationUpdate && len(diff.Diffs) == 0 {
		return nil
	}
	added, removed, modified := diff.Counts()
	base := event.DefaultFinding()
	f := &api.Finding{
		Title:          base.Title,
		Description:    fmt.Sprintf("Fields: %d added, %d removed, %d changed", added, removed, modified),
		Severity:       api.SeverityInfo,
		Source:         api.SourceKubernetesAPI,
		Type:           api.TypeConfigChange,
		AggregationKey: "ConfigurationChange/KubernetesResource/Change",
		Subject:        base.Subject,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	event.AddFinding(f)
	event.AddEnrichment(diff)
	return nil
}

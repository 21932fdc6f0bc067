package playbooks

import (
	"context"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// FindingFields configures CreateFinding. Title, description and
// aggregation key are templates: $name, $namespace, $kind, $node,
// $labels.<key> and ${annotations.<key>} are replaced by the subject's
// values, and unknown variables by <missing>.
type FindingFields struct {
	// Title is the finding's title.
	Title string `json:"title"`
	// AggregationKey groups findings of the same kind; defaults to the title
	// template.
	AggregationKey string `json:"aggregation_key,omitempty"`
	// Description is the finding's text.
	Description string `json:"description,omitempty"`
	// Severity is the finding's severity.
	Severity string `json:"severity,omitempty" jsonschema:"enum=DEBUG,enum=INFO,enum=LOW,enum=HIGH,default=HIGH"`
}

// CreateFinding starts a new finding about the event's subject, with a
// templated title and description. Later actions' enrichments go to it.
//
//robusta:action
func CreateFinding(ctx context.Context, event api.ExecutionEvent, params FindingFields) error {
	base := event.DefaultFinding()
	s := base.Subject
	lookup := tmpl.Lookup(
		map[string]string{"name": s.Name, "namespace": s.Namespace, "kind": s.Kind, "node": s.Node},
		map[string]map[string]string{"labels": s.Labels, "annotations": s.Annotations},
	)
	severity := api.SeverityHigh
	if params.Severity != "" {
		var err error
		if severity, err = api.ParseSeverity(params.Severity); err != nil {
			return err
		}
	}
	key := params.AggregationKey
	if key == "" {
		key = params.Title
	}
	f := &api.Finding{
		Title:          tmpl.Expand(params.Title, lookup),
		Description:    tmpl.Expand(params.Description, lookup),
		AggregationKey: tmpl.Expand(key, lookup),
		Severity:       severity,
		Source:         base.Source,
		Type:           api.TypeIssue,
		Subject:        s,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	event.AddFinding(f)
	return nil
}

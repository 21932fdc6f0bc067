package playbooks

import (
	"context"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// FindingFields configures CreateFinding. Title and description are
// templates: $name, $namespace, $kind, $node, $labels.<key> and
// ${annotations.<key>} are replaced by the subject's values, and unknown or
// empty ones by <missing>, as in Robusta.
type FindingFields struct {
	// Title is the finding's title, such as "Job $name on namespace $namespace failed".
	Title string `json:"title"`
	// AggregationKey groups findings of the same kind, such as "JobFailure".
	// It is used as written, not templated (as in Robusta), so that every
	// finding of one create_finding groups together; when it is left out the
	// title's template (unexpanded) is the key. Robusta requires it.
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
	severity := api.SeverityHigh
	if params.Severity != "" {
		var err error
		if severity, err = api.ParseSeverity(params.Severity); err != nil {
			return err
		}
	}
	lookup := subjectLookup(s)
	f := &api.Finding{
		Title:          tmpl.Expand(params.Title, lookup),
		Description:    tmpl.Expand(params.Description, lookup),
		AggregationKey: params.AggregationKey,
		Severity:       severity,
		Source:         base.Source,
		Type:           api.TypeIssue,
		Subject:        s,
		StartsAt:       time.Now().UTC(),
	}
	if f.AggregationKey == "" {
		f.AggregationKey = params.Title
	}
	f.Fingerprint = f.ComputeFingerprint()
	event.AddFinding(f)
	return nil
}

// subjectLookup gives a subject's template variables as Robusta's
// format_event_templated_string does: $kind is the lowercase kind (Robusta's
// subject type, "pod", "job"), and an empty namespace or node is unknown,
// hence <missing>, rather than an empty string that would leave "in
// namespace " in a title.
func subjectLookup(s api.Subject) func(string) (string, bool) {
	plain := map[string]string{"name": s.Name, "kind": strings.ToLower(s.Kind)}
	if s.Namespace != "" {
		plain["namespace"] = s.Namespace
	}
	if s.Node != "" {
		plain["node"] = s.Node
	}
	return tmpl.Lookup(plain, map[string]map[string]string{"labels": s.Labels, "annotations": s.Annotations})
}

package playbooks

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// FindingLabelRule derives a label of the finding's subject from its
// fields, modelled after Prometheus' relabel_config.
type FindingLabelRule struct {
	// SourceFields are joined with Separator into the value matched:
	// namespace, name, node, kind, labels.<key>, annotations.<key>.
	SourceFields []string `json:"source_fields"`
	// Regex must match the whole joined value; $1, $2... in Replacement
	// are its groups.
	Regex string `json:"regex"`
	// TargetLabel is the label set when Regex matches.
	TargetLabel string `json:"target_label"`
	// Replacement is the label's value.
	Replacement string `json:"replacement"`
	// Separator joins the source fields.
	Separator string `json:"separator,omitempty" jsonschema:"default=;"`
}

// FindingOverrides configures CustomiseFinding. Title, description and
// aggregation key are templates over the event's subject, as in
// create_finding.
type FindingOverrides struct {
	// Title replaces the title, such as "Resource $kind/$namespace/$name is in trouble".
	Title string `json:"title,omitempty"`
	// Description replaces the description.
	Description string `json:"description,omitempty"`
	// Severity replaces the severity.
	Severity string `json:"severity,omitempty" jsonschema:"enum=DEBUG,enum=INFO,enum=LOW,enum=HIGH"`
	// AggregationKey replaces the key findings are grouped by.
	AggregationKey string `json:"aggregation_key,omitempty"`
	// FindingLabelRules are applied in order; a later rule may overwrite
	// an earlier one's label.
	FindingLabelRules []FindingLabelRule `json:"finding_label_rules,omitempty"`
}

// CustomiseFinding changes the findings earlier actions of the playbook
// made: title, description, severity, aggregation key, and labels derived
// by finding_label_rules (shown in a "labels" table). It makes no finding
// of its own, so it goes last in a playbook; with no finding yet it does
// nothing.
//
//robusta:action
func CustomiseFinding(ctx context.Context, event api.ExecutionEvent, params FindingOverrides) error {
	var severity *api.Severity
	if params.Severity != "" {
		s, err := api.ParseSeverity(params.Severity)
		if err != nil {
			return fmt.Errorf("customise_finding: %w", err)
		}
		severity = &s
	}
	subject := event.DefaultFinding().Subject
	lookup := subjectLookup(subject)
	expand := func(s string) string { return tmpl.Expand(s, lookup) }
	labels, err := ruleLabels(params.FindingLabelRules, subjectFields(subject))
	n := api.UpdateFindings(event, func(f *api.Finding) {
		if params.Title != "" {
			f.Title = expand(params.Title)
		}
		if params.Description != "" {
			f.Description = expand(params.Description)
		}
		if severity != nil {
			f.Severity = *severity
		}
		if params.AggregationKey != "" {
			f.AggregationKey = expand(params.AggregationKey)
		}
		if len(labels) > 0 {
			if f.Subject.Labels == nil {
				f.Subject.Labels = map[string]string{}
			}
			maps.Copy(f.Subject.Labels, labels)
		}
	})
	// Robusta adds the table even with no finding, which starts one; here
	// the action stays true to "makes no finding of its own".
	if n > 0 && len(labels) > 0 {
		api.AddTitledEnrichment(event, "labels", labelTable("*labels*", labels))
	}
	return err
}

// ruleLabels applies the rules to the subject's fields. A rule whose regex
// does not compile is skipped and reported (Robusta only logs it); the
// others still apply.
func ruleLabels(rules []FindingLabelRule, fields map[string]string) (map[string]string, error) {
	out := map[string]string{}
	var errs []error
	for i, r := range rules {
		re, err := regexp.Compile(`^(?:` + r.Regex + `)$`) // Python's re.fullmatch
		if err != nil {
			errs = append(errs, fmt.Errorf("customise_finding: finding_label_rules[%d] (target_label %s): %w", i, r.TargetLabel, err))
			continue
		}
		sep := r.Separator
		if sep == "" {
			sep = ";"
		}
		values := make([]string, len(r.SourceFields))
		for j, f := range r.SourceFields {
			values[j] = fields[f]
		}
		m := re.FindStringSubmatch(strings.Join(values, sep))
		if m == nil {
			continue
		}
		repl := r.Replacement
		// Group by group from $1, as Robusta replaces them ($1 before $10).
		for g := 1; g < len(m); g++ {
			repl = strings.ReplaceAll(repl, "$"+strconv.Itoa(g), m[g])
		}
		out[r.TargetLabel] = repl
	}
	if len(out) == 0 {
		out = nil
	}
	return out, errors.Join(errs...)
}

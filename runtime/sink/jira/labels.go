package jira

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// maxLabel is the longest label Jira takes.
const maxLabel = 255

// dedupAttrs are the attributes dedups may name: Robusta's (the finding's
// fields and its attribute map) and cluster_name.
var dedupAttrs = map[string]func(f *api.Finding, cluster string) string{
	"fingerprint": func(f *api.Finding, _ string) string {
		if f.Fingerprint == "" {
			return f.ComputeFingerprint()
		}
		return f.Fingerprint
	},
	"aggregation_key": func(f *api.Finding, _ string) string { return f.AggregationKey },
	"identifier":      func(f *api.Finding, _ string) string { return f.AggregationKey },
	"title":           func(f *api.Finding, _ string) string { return f.Title },
	"name":            func(f *api.Finding, _ string) string { return f.Subject.Name },
	"namespace":       func(f *api.Finding, _ string) string { return f.Subject.Namespace },
	"kind":            func(f *api.Finding, _ string) string { return strings.ToLower(f.Subject.Kind) },
	"node":            func(f *api.Finding, _ string) string { return f.Subject.Node },
	"severity":        func(f *api.Finding, _ string) string { return f.Severity.String() },
	"source":          func(f *api.Finding, _ string) string { return strings.ToUpper(string(f.Source)) },
	"type":            func(f *api.Finding, _ string) string { return string(f.Type) },
	"cluster_name":    func(_ *api.Finding, cluster string) string { return cluster },
	"description":     func(f *api.Finding, _ string) string { return f.Description },
	"finding_type":    func(f *api.Finding, _ string) string { return string(f.Type) },
	"service_key": func(f *api.Finding, _ string) string {
		if f.Subject.Name == "" {
			return ""
		}
		return f.Subject.Namespace + "/" + f.Subject.Kind + "/" + f.Subject.Name
	},
	// Robusta's creation_date makes every finding its own issue; the
	// start time does the same here.
	"creation_date": startsAt,
	"starts_at":     startsAt,
}

func startsAt(f *api.Finding, _ string) string {
	if f.StartsAt.IsZero() {
		return ""
	}
	return f.StartsAt.UTC().Format(time.RFC3339)
}

// checkDedups rejects an attribute Robusta would silently skip (a typo
// there would quietly turn deduplication off).
func checkDedups(dedups []string) error {
	for _, d := range dedups {
		if dedupAttrs[d] == nil {
			return fmt.Errorf("dedups: unknown attribute %q (want one of %s)", d, strings.Join(slices.Sorted(maps.Keys(dedupAttrs)), ", "))
		}
	}
	return nil
}

// labels are the values of the dedup attributes as Jira labels. Jira
// rejects a label with a space, which Robusta sends as is (a title, a
// cluster name "prod eu"), failing the issue; here whitespace becomes _.
// Empty values are left out.
func labels(f *api.Finding, cluster string, dedups []string) []string {
	var out []string
	for _, d := range dedups {
		v := strings.Join(strings.Fields(dedupAttrs[d](f, cluster)), "_")
		if v == "" {
			continue
		}
		if r := []rune(v); len(r) > maxLabel {
			v = string(r[:maxLabel])
		}
		out = append(out, v)
	}
	return out
}

// jql finds the project's issues with all the labels, newest first. Each
// label is a quoted JQL string: Robusta's single quotes break on a label
// holding one.
func jql(project string, labels []string) string {
	parts := []string{"project = " + project}
	for _, l := range labels {
		parts = append(parts, "labels = "+quote(l))
	}
	return strings.Join(parts, " AND ") + " ORDER BY created DESC"
}

var jqlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func quote(s string) string { return `"` + jqlEscaper.Replace(s) + `"` }

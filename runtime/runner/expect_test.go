package runner_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Builders of expected findings, one per shape an action writes, so that
// each test states only what varies: the playbook, the object, the text.

// subjectOf is the subject of a finding about obj: what it is and its
// labels and annotations as the runner last saw them.
func subjectOf(kind string, obj metav1.Object) subject {
	return subject{Kind: kind, Name: obj.GetName(), Namespace: obj.GetNamespace(), Labels: obj.GetLabels(), Annotations: obj.GetAnnotations()}
}

// created is what create_finding writes: severity HIGH unless set, and the
// aggregation_key as written in the playbook (never templated), or when it
// is left out the title's template ("$kind $name failed"), not the title;
// then the enrichments of later actions.
func created(playbook string, actions []string, title, key, severity string, s subject, e ...enrichment) finding {
	return finding{
		Title: title, Severity: severity, Source: "kubernetes_api_server", Type: "issue", AggregationKey: key,
		Subject: s, Playbook: playbook, Actions: actions, Enrichments: e,
	}
}

// defaulted is the finding an enrichment starts when no action created one:
// "Update to pod name" and the like, as Robusta titles it.
func defaulted(playbook string, actions []string, op string, s subject, e ...enrichment) finding {
	return finding{
		Title: fmt.Sprintf("%s to %s %s", op, strings.ToLower(s.Kind), s.Name), Severity: "INFO", Source: "kubernetes_api_server",
		Type: "issue", AggregationKey: "GenericChange", Subject: s, Playbook: playbook, Actions: actions, Enrichments: e,
	}
}

// babysat is what resource_babysitter writes for an update, in Robusta's
// words: titled by the manifest ("pod/shop/web-1.yaml updated"), described
// by the changed attributes (as the user reads them, "tier, replicas"), and
// the object's diff under "Kubernetes Manifest Change".
func babysat(playbook string, s subject, attributes string, diffs ...map[string]any) finding {
	return finding{
		Title:       fmt.Sprintf("%s/%s/%s.yaml updated", strings.ToLower(s.Kind), s.Namespace, s.Name),
		Description: s.Kind + " updated\n ● Attributes: " + attributes,
		Severity:    "INFO", Source: "kubernetes_api_server", Type: "configuration_change",
		AggregationKey: "ConfigurationChange/KubernetesResource/Change",
		Subject:        s, Playbook: playbook, Actions: []string{"resource_babysitter"},
		Enrichments: []enrichment{{Title: "Kubernetes Manifest Change", Blocks: []map[string]any{{
			"type": "kubernetes_diff", "kind": s.Kind, "name": s.Name, "namespace": s.Namespace, "diffs": anys(diffs),
		}}}},
	}
}

// blocks is one enrichment holding the blocks given.
func blocks(b ...map[string]any) []enrichment { return []enrichment{{Blocks: b}} }

func markdown(text string) map[string]any { return map[string]any{"type": "markdown", "text": text} }

// added, removed and changed are diff entries; values are JSON, as the
// diff block writes them.
func added(path, value string) map[string]any { return map[string]any{"path": path, "new": value} }

func removed(path, value string) map[string]any { return map[string]any{"path": path, "old": value} }

func changed(path, old, value string) map[string]any {
	return map[string]any{"path": path, "old": old, "new": value}
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// deletionTimestamp finds the metadata.deletionTimestamp diff entry in
// findings, requires it to be a time between before and after (to the
// second, as the API server keeps it), and returns it as written.
func deletionTimestamp(t *testing.T, findings []finding, before, after time.Time) string {
	t.Helper()
	for _, f := range findings {
		for _, e := range f.Enrichments {
			for _, b := range e.Blocks {
				diffs, _ := b["diffs"].([]any)
				for _, d := range diffs {
					if d, _ := d.(map[string]any); d["path"] == "metadata.deletionTimestamp" {
						raw, _ := d["new"].(string)
						var at time.Time
						if err := json.Unmarshal([]byte(raw), &at); err != nil {
							t.Fatalf("deletionTimestamp %q: %v", raw, err)
						}
						if at.Before(before.Truncate(time.Second)) || at.After(after) {
							t.Fatalf("deletionTimestamp %s is not between %s and %s", at, before, after)
						}
						return raw
					}
				}
			}
		}
	}
	t.Fatal("no finding has a metadata.deletionTimestamp diff")
	return ""
}

package api_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
)

// The JSON a finding encodes to is Contract 4's file_sink line.
func TestFindingJSON(t *testing.T) {
	f := &api.Finding{
		Title: "t", Severity: api.SeverityHigh, Source: api.SourceKubernetesAPI, AggregationKey: "k", Fingerprint: "fp",
		Subject:  api.Subject{Kind: "Pod", Name: "p", Namespace: "ns", Node: "n"},
		StartsAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Playbook: "pb", Actions: []string{"a"},
	}
	f.AddEnrichment(api.MarkdownBlock("hi"), api.FileBlock("x.log", []byte("log\n")), api.DividerBlock(),
		api.TableBlock([]string{"h"}, [][]string{{"v"}}), api.JSONBlock(map[string]int{"n": 1}))
	raw, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"title": "t", "severity": "HIGH", "source": "kubernetes_api_server", "aggregation_key": "k", "fingerprint": "fp",
		"subject":   map[string]any{"kind": "Pod", "name": "p", "namespace": "ns", "node": "n"},
		"starts_at": "2026-01-02T03:04:05Z", "playbook": "pb", "actions": []any{"a"},
		"enrichments": []any{map[string]any{"blocks": []any{
			map[string]any{"type": "markdown", "text": "hi"},
			map[string]any{"type": "file", "filename": "x.log", "contents": "bG9nCg=="},
			map[string]any{"type": "divider"},
			map[string]any{"type": "table", "headers": []any{"h"}, "rows": []any{[]any{"v"}}},
			map[string]any{"type": "json", "data": map[string]any{"n": 1.0}},
		}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("finding JSON (-want +got):\n%s", diff)
	}
}

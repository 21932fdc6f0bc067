// Package sinktest holds test data every sink's tests share: one finding
// with every block type, so that each sink's rendering test, example
// payload and benchmark describe the same input.
package sinktest

import "github.com/robusta-go/robusta/runtime/api"

// EveryBlock is a finding with every block type: markdown, header, divider,
// list, two- and three-column tables, links, JSON, a Kubernetes diff, a
// text file and a four-column table. It is new on every call, so a test
// may change it.
func EveryBlock() *api.Finding {
	f := &api.Finding{
		Title:       "Crash loop in web",
		Description: "web-1 restarted 5 times",
		Severity:    api.SeverityHigh,
		Subject:     api.Subject{Kind: "Pod", Name: "web-1", Namespace: "prod", Node: "node-a"},
		Links:       []api.Link{{Name: "Grafana", URL: "https://grafana.example/d/1"}},
	}
	f.Enrichments = append(f.Enrichments, api.Enrichment{Title: "Pod details", Blocks: []api.Block{
		api.HeaderBlock("Status"),
		api.MarkdownBlock("*restarts:* 5"),
		api.DividerBlock(),
		api.ListBlock("OOMKilled", "exit code 137"),
		api.TableBlock([]string{"field", "value"}, [][]string{{"image", "web:1.2"}, {"limit", "<512Mi>"}}),
		api.Table{Name: "Containers", Headers: []string{"name", "ready", "restarts"}, Rows: [][]string{{"web", "false", "5"}}},
		api.LinksBlock(api.Link{Name: "Runbook", URL: "https://runbooks.example/oom"}),
		api.JSONBlock(map[string]int{"restarts": 5}),
		api.KubernetesDiff{Kind: "Deployment", Name: "web", Namespace: "prod", Diffs: []api.Diff{
			{Path: "spec.replicas", Old: "2", New: "3"},
			{Path: "metadata.labels.tier", New: `"front"`},
		}},
	}})
	f.AddEnrichment(
		api.FileBlock("web-1.log", []byte("line 1\nline 2\n")),
		api.Table{Name: "Events", Headers: []string{"type", "reason", "age", "message"}, Rows: [][]string{{"Warning", "BackOff", "1m", "Back-off restarting"}}},
	)
	return f
}

package webhook

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
)

func TestRenderEveryBlock(t *testing.T) {
	f := &api.Finding{Title: "Deployment changed", Severity: api.SeverityInfo, Subject: api.Subject{Kind: "Node", Name: "n1", Node: "n1"}}
	f.Links = []api.Link{{Name: "Dashboard", URL: "https://grafana.example/d/1"}}
	f.AddEnrichment(
		api.ListBlock("first", "see <https://x.example|docs>"),
		api.DividerBlock(),
		api.TableBlock([]string{"name", "restarts"}, [][]string{{"api", "5"}, {"worker-long-name", "12"}}),
		api.LinksBlock(api.Link{Name: "Logs", URL: "https://logs.example"}),
		api.JSONBlock(map[string]int{"a": 1}),
		api.KubernetesDiff{Kind: "Deployment", Name: "api", Namespace: "prod", Diffs: []api.Diff{
			{Path: "spec.replicas", Old: "2", New: "3"},
			{Path: "metadata.labels.tier", New: `"web"`},
			{Path: "metadata.labels.old", Old: `"x"`},
		}},
	)
	f.Enrichments = append(f.Enrichments, api.Enrichment{Title: "Pod logs", Blocks: []api.Block{api.FileBlock("api.log", make([]byte, 2048))}})
	want := `Deployment changed
Severity: INFO
Subject: Node n1
Dashboard: https://grafana.example/d/1

- first
- see docs: https://x.example
---
name              restarts
api               5
worker-long-name  12
Logs: https://logs.example
{"a":1}
Deployment prod/api: 1 added, 1 removed, 1 changed
spec.replicas: 2 ==> 3
metadata.labels.tier: added "web"
metadata.labels.old: removed "x"

Pod logs
[file api.log, 2048 bytes]
`
	if diff := cmp.Diff(want, renderText(f, "")); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
}

func TestTruncateText(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 100, "short"},
		{"title\nline two\nline three\n", 26, "title\nline two\nline three\n"},
		{"title\nline two\nline three\nline four\n", 30, "title\nline two\n[truncated]"},
		{"title\nline two\nline three\nline four\n", 25, "title\n[truncated]"},
		{"a very long first line that cannot fit whole", 30, "a very long first \n[truncated]"},
		{"héllo wörld, and more", 7, "héllo "},
		{"héllo", 2, "h"}, // é is two bytes // under the marker: a plain cut at a rune boundary
		{"ééééééééééééééééééééé", 21, "éééé\n[truncated]"},
	} {
		got := truncateText(tc.in, tc.limit)
		if got != tc.want {
			t.Errorf("truncateText(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
		if len(got) > tc.limit || !utf8.ValidString(got) {
			t.Errorf("truncateText(%q, %d) = %q: too long or invalid UTF-8", tc.in, tc.limit, got)
		}
	}
}

func TestTextSizeLimit(t *testing.T) {
	srv := newServer(t)
	s, _ := newSink(t, srv, Params{SizeLimit: 140})
	f := finding()
	f.AddEnrichment(api.MarkdownBlock(strings.Repeat("a log line\n", 100)))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	got := srv.requests()[0].Body
	want := "Crashing pod api-7d9f\nSeverity: HIGH\nSubject: Pod default/api-7d9f (node node-1)\nCluster: prod-eu\nSource: kubernetes_api_server\n[truncated]"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if len(got) > 140 {
		t.Errorf("body is %d bytes, over the 140 limit", len(got))
	}
}

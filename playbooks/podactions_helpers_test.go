package playbooks_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// titled returns the blocks of the finding's enrichments titled title, in
// order, one slice per enrichment.
func titled(f *api.Finding, title string) [][]api.Block {
	var out [][]api.Block
	for _, e := range f.Enrichments {
		if e.Title == title {
			out = append(out, e.Blocks)
		}
	}
	return out
}

// titles lists the finding's enrichment titles in order.
func titles(f *api.Finding) []string {
	var out []string
	for _, e := range f.Enrichments {
		out = append(out, e.Title)
	}
	return out
}

// wantFinding checks what Robusta's pod reports share: title, HIGH,
// aggregation key, the API server as source, the pod and its node as subject.
func wantFinding(t *testing.T, res *apitest.Result, title, key string) *api.Finding {
	t.Helper()
	f := res.Finding(t)
	got := []string{f.Title, f.Severity.String(), f.AggregationKey, string(f.Source), f.Subject.Kind, f.Subject.Namespace, f.Subject.Name, f.Subject.Node}
	want := []string{title, "HIGH", key, "kubernetes_api_server", "Pod", "prod", "api-0", "node-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("finding (-want +got):\n%s\n%s", diff, res)
	}
	return f
}

func table(headers []string, name string, rows ...[]string) api.Table {
	t := api.TableBlock(headers, rows)
	t.Name = name
	return t
}

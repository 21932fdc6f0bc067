package chat_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

func TestPatchLines(t *testing.T) {
	d := api.KubernetesDiff{Diffs: []api.Diff{
		{Path: "spec.replicas", Old: "1", New: "3"},
		{Path: "metadata.labels.tier", New: "web"},
		{Path: "spec.paused", Old: "true"},
	}}
	want := []string{"- spec.replicas: 1", "+ spec.replicas: 3", "+ metadata.labels.tier: web", "- spec.paused: true"}
	if diff := cmp.Diff(want, chat.PatchLines(d)); diff != "" {
		t.Errorf("PatchLines (-want +got):\n%s", diff)
	}
}

func TestIndentJSON(t *testing.T) {
	if got, want := chat.IndentJSON([]byte(`{"a":[1,2]}`)), "{\n  \"a\": [\n    1,\n    2\n  ]\n}"; got != want {
		t.Errorf("IndentJSON = %q, want %q", got, want)
	}
	if got := chat.IndentJSON([]byte(`{not json`)); got != "{not json" {
		t.Errorf("IndentJSON of invalid JSON = %q, want it as it came", got)
	}
}

package engine

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
)

// A sink's grouping is applied where the engine opens it: regular mode
// holds the first finding of the group back, summary mode on a sink that
// cannot update messages sends the digest when the engine closes.
func TestSinkGrouping(t *testing.T) {
	regular, digest := &recorder{}, &recorder{}
	cfg := &config.Config{
		Playbooks: []config.Playbook{{Name: "p", Triggers: nil, Actions: []config.Action{act("f", finding("F"))}}},
		Sinks: []config.Sink{
			sinkConfig(t, "regular", `{"grouping":{"group_by":["identifier"],"notification_mode":{"regular":{"ignore_first":1}}}}`, regular),
			sinkConfig(t, "digest", `{"grouping":{"notification_mode":{"summary":{"threaded":false,"by":["severity","kind"]}}}}`, digest),
		},
	}
	cfg.Playbooks[0].Triggers = append(cfg.Playbooks[0].Triggers, trig(t, "on_pod_update", ""))
	e, d := newEngine(t, cfg)
	for range 3 {
		d.Change(context.Background(), podChange(api.OperationUpdate, pod("default", "web-1", nil)))
	}
	closeEngine(t, e)
	if diff := cmp.Diff([]string{"F", "F"}, regular.titles()); diff != "" {
		t.Errorf("regular sink (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Alerts Summary - 3 Notifications"}, digest.titles()); diff != "" {
		t.Fatalf("summary sink (-want +got):\n%s", diff)
	}
	counts := digest.findings[0].Enrichments[0].Blocks[1].(api.Table)
	if diff := cmp.Diff([][]string{{"DEBUG", "(undefined)", "3", "0"}}, counts.Rows); diff != "" {
		t.Errorf("summary counts by severity, kind (-want +got):\n%s", diff)
	}
}

package playbooks_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// alertEvent is an alert with no objects to resolve.
func alertEvent(t *testing.T, a api.Alert) *api.PrometheusAlertEvent {
	t.Helper()
	return apitest.Alert(t, apitest.NewCluster(), a)
}

// default_enricher: the labels table, sorted, under "Alert labels"; the
// generator URL as "View Graph"; annotations only when asked.
func TestDefaultEnricher(t *testing.T) {
	a := api.Alert{
		Labels:       map[string]string{"alertname": "KubePodCrashLooping", "severity": "warning", "namespace": "prod"},
		Annotations:  map[string]string{"summary": "Pod is crash looping."},
		GeneratorURL: "http://prometheus:9090/graph?g0.expr=up",
	}
	res := apitest.Run(t, playbooks.Actions, "default_enricher", ``, alertEvent(t, a), nil)
	f := res.Finding(t)
	want := api.Table{Name: "*Alert labels*", Headers: []string{"label", "value"}, Rows: [][]string{{"alertname", "KubePodCrashLooping"}, {"namespace", "prod"}, {"severity", "warning"}}}
	if len(f.Enrichments) != 1 || f.Enrichments[0].Title != "Alert labels" || !cmp.Equal(f.Enrichments[0].Blocks, []api.Block{want}) {
		t.Errorf("default_enricher enrichments:\n%s", res)
	}
	if !cmp.Equal(f.Links, []api.Link{{Name: "View Graph", URL: a.GeneratorURL}}) {
		t.Errorf("links = %v, want View Graph", f.Links)
	}

	res = apitest.Run(t, playbooks.Actions, "default_enricher", `{alert_annotations_enrichment: true, alert_generator_link: false}`, alertEvent(t, a), nil)
	f = res.Finding(t)
	if len(f.Links) != 0 || len(f.Enrichments) != 2 || f.Enrichments[1].Title != "Alert annotations" ||
		!cmp.Equal(f.Enrichments[1].Blocks[0].(api.Table).Rows, [][]string{{"summary", "Pod is crash looping."}}) {
		t.Errorf("default_enricher with annotations, without the link:\n%s links %v", res, f.Links)
	}
}

// A generator URL a sink cannot link (no scheme or host) is left out.
func TestDefaultEnricherSkipsInvalidGeneratorURL(t *testing.T) {
	for _, u := range []string{"/graph?g0.expr=up", "prometheus:9090/graph", "ftp://x/y"} {
		res := apitest.Run(t, playbooks.Actions, "default_enricher", ``, alertEvent(t, api.Alert{Name: "A", GeneratorURL: u}), nil)
		if f := res.Finding(t); len(f.Links) != 0 {
			t.Errorf("generator URL %q gave links %v", u, f.Links)
		}
	}
}

func TestAlertExplanationEnricher(t *testing.T) {
	res := apitest.Run(t, playbooks.Actions, "alert_explanation_enricher",
		`{alert_explanation: "The node is full.", recommended_resolution: "Add nodes."}`, alertEvent(t, api.Alert{Name: "KubeletTooManyPods"}), nil)
	want := []api.Block{api.MarkdownBlock("📘 *Alert Explanation:* The node is full."), api.MarkdownBlock("🛠 *Robusta's Recommendation:* Add nodes.")}
	if diff := cmp.Diff(want, res.Blocks()); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	// Neither param: no enrichment, so no finding is started for it.
	res = apitest.Run(t, playbooks.Actions, "alert_explanation_enricher", `{}`, alertEvent(t, api.Alert{Name: "X"}), nil)
	if len(res.Findings) != 0 {
		t.Errorf("no params:\n%s", res)
	}
}

func TestExternalVideoEnricher(t *testing.T) {
	res := apitest.Run(t, playbooks.Actions, "external_video_enricher", `{url: "https://bit.ly/overcommit-cpu", name: CPU Overcommited}`, alertEvent(t, api.Alert{Name: "KubeCPUOvercommit"}), nil)
	if f := res.Finding(t); !cmp.Equal(f.Links, []api.Link{{Name: "CPU Overcommited", URL: "https://bit.ly/overcommit-cpu"}}) {
		t.Errorf("links = %v", f.Links)
	}
	res = apitest.Run(t, playbooks.Actions, "external_video_enricher", `{url: "bit.ly/x"}`, alertEvent(t, api.Alert{Name: "A"}), nil)
	if res.Err == nil || len(res.Findings) != 0 {
		t.Errorf("a URL without scheme: err %v, findings %d; want an error and nothing added", res.Err, len(res.Findings))
	}
}

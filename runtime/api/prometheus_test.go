package api_test

import (
	"errors"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// connectFunc is a PrometheusConnector from a function.
type connectFunc func(api.PrometheusParams) (api.Prometheus, error)

func (f connectFunc) Connect(p api.PrometheusParams) (api.Prometheus, error) { return f(p) }

func alertEvent() *api.PrometheusAlertEvent {
	return &api.PrometheusAlertEvent{Alert: api.Alert{Name: "HighCPU", Status: "firing"}}
}

func blocksOf(ev api.ExecutionEvent) []api.Block {
	var out []api.Block
	for _, f := range ev.Execution().Findings() {
		for _, e := range f.Enrichments {
			out = append(out, e.Blocks...)
		}
	}
	return out
}

func TestPrometheusForNotConfiguredAddsBlock(t *testing.T) {
	for name, c := range map[string]api.PrometheusConnector{
		"no connector":       nil,
		"connector says nil": connectFunc(func(api.PrometheusParams) (api.Prometheus, error) { return nil, nil }),
	} {
		ev := alertEvent()
		ev.Execution().SetPrometheus(c)
		prom, err := api.PrometheusFor(ev, api.PrometheusParams{})
		if prom != nil || err != nil {
			t.Errorf("%s: PrometheusFor = %v, %v; want nil, nil", name, prom, err)
		}
		blocks := blocksOf(ev)
		if len(blocks) != 1 || blocks[0] != api.MarkdownBlock(api.PrometheusNotConfiguredText) {
			t.Errorf("%s: blocks %v; want the not-configured block", name, blocks)
		}
	}
}

// On a change event the block goes only to a finding that is already
// there: a pod update does not become a message about Prometheus.
func TestPrometheusForNotConfiguredOnAChange(t *testing.T) {
	ev := &api.PodChangeEvent{Obj: testPod("prod", "web-1"), Operation: api.OperationUpdate}
	if prom, err := api.PrometheusFor(ev, api.PrometheusParams{}); prom != nil || err != nil || len(ev.Execution().Findings()) != 0 {
		t.Errorf("without a finding: %v, %v, findings %v; want nothing", prom, err, ev.Execution().Findings())
	}
	ev.AddFinding(&api.Finding{Title: "web-1 crashed"})
	if _, err := api.PrometheusFor(ev, api.PrometheusParams{}); err != nil {
		t.Fatal(err)
	}
	if b := blocksOf(ev); len(b) != 1 || b[0] != api.MarkdownBlock(api.PrometheusNotConfiguredText) {
		t.Errorf("with a finding: blocks %v; want the not-configured block", b)
	}
}

func TestPrometheusForPassesParamsAndErrors(t *testing.T) {
	ev := alertEvent()
	prom := apitest.NewPrometheus()
	prom.On(ev)
	p := api.PrometheusParams{PrometheusURL: "http://prom:9090", PrometheusAuth: "Bearer x"}
	got, err := api.PrometheusFor(ev, p)
	if got == nil || err != nil {
		t.Fatalf("PrometheusFor = %v, %v; want the connector's client", got, err)
	}
	if ps := prom.Params(); len(ps) != 1 || ps[0].PrometheusURL != p.PrometheusURL || ps[0].PrometheusAuth != p.PrometheusAuth {
		t.Errorf("connector got %+v, want %+v", ps, p)
	}
	if len(blocksOf(ev)) != 0 {
		t.Errorf("a configured Prometheus added blocks: %v", blocksOf(ev))
	}

	boom := errors.New("bad url")
	ev = alertEvent()
	ev.Execution().SetPrometheus(connectFunc(func(api.PrometheusParams) (api.Prometheus, error) { return nil, boom }))
	if _, err := api.PrometheusFor(ev, p); !errors.Is(err, boom) {
		t.Errorf("PrometheusFor error %v, want %v", err, boom)
	}
}

func TestPrometheusParamsAdditionalLabels(t *testing.T) {
	no := false
	labels := map[string]string{"cluster": "prod"}
	if got := (api.PrometheusParams{PrometheusAdditionalLabels: labels}).AdditionalLabels(); got["cluster"] != "prod" {
		t.Errorf("default add_additional_labels: got %v, want the labels", got)
	}
	if got := (api.PrometheusParams{PrometheusAdditionalLabels: labels, AddAdditionalLabels: &no}).AdditionalLabels(); got != nil {
		t.Errorf("add_additional_labels false: got %v, want none", got)
	}
}

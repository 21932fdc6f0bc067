package prom_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/prom"
)

func TestConnector(t *testing.T) {
	global := api.PrometheusParams{PrometheusURL: "http://prom:9090", PrometheusAuth: "Bearer global"}
	c := prom.NewConnector(global, nil)

	if p, err := c.Connect(api.PrometheusParams{}); p != nil || err != nil {
		t.Errorf("no prometheus_url: %v, %v; want nil, nil (not configured)", p, err)
	}
	a, err := c.Connect(global)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := c.Connect(global); b != a {
		t.Errorf("the same settings built a second client")
	}
	// An action naming another server with globalConfig's token (filled
	// in by the merge) must not get it.
	_, err = c.Connect(api.PrometheusParams{PrometheusURL: "http://elsewhere:9090", PrometheusAuth: "Bearer global"})
	if err == nil || !strings.Contains(err.Error(), "not sent") {
		t.Errorf("global credentials to another host: err %v", err)
	}
	// Its own credentials, or another path on the same server, are fine.
	for _, p := range []api.PrometheusParams{
		{PrometheusURL: "http://elsewhere:9090", PrometheusAuth: "Bearer own"},
		{PrometheusURL: "prom:9090/tenant", PrometheusAuth: "Bearer global"},
	} {
		if _, err := c.Connect(p); err != nil {
			t.Errorf("Connect(%+v): %v", p, err)
		}
	}
}

func TestGlobalParams(t *testing.T) {
	p, err := prom.GlobalParams(map[string]any{"cluster_name": "c", "prometheus_url": "http://p", "prometheus_additional_headers": map[string]any{"X": "y"}, "add_additional_labels": false})
	if err != nil {
		t.Fatal(err)
	}
	if p.PrometheusURL != "http://p" || p.PrometheusAdditionalHeaders["X"] != "y" || p.AddAdditionalLabels == nil || *p.AddAdditionalLabels {
		t.Errorf("GlobalParams = %+v", p)
	}
	if _, err := prom.GlobalParams(map[string]any{"prometheus_url": 3}); err == nil || !strings.Contains(err.Error(), "globalConfig") {
		t.Errorf("a number as prometheus_url: err %v", err)
	}
}

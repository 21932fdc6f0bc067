package playbooks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/prom"
	"github.com/robusta-go/robusta/runtime/registry"
)

// globalConfig's prometheus_* keys reach every graph action's params, a
// {{ env.X }} token expanded; the action's own prometheus_url wins.
func TestGraphParamsFromGlobalConfig(t *testing.T) {
	env := map[string]string{"PROM_TOKEN": "Bearer s3cret"}
	cfg := loadValues(t, map[string]any{
		"globalConfig": map[string]any{"prometheus_url": "http://prom:9090", "prometheus_auth": "{{ env.PROM_TOKEN }}",
			"prometheus_additional_headers": map[string]any{"X-Scope-OrgID": "t1"}},
		"customPlaybooks": []any{
			map[string]any{"triggers": []any{map[string]any{"on_prometheus_alert": map[string]any{}}},
				"actions": []any{map[string]any{"alert_graph_enricher": map[string]any{"resource_type": "CPU", "item_type": "Pod"}}}},
			map[string]any{"triggers": []any{map[string]any{"on_prometheus_alert": map[string]any{}}},
				"actions": []any{map[string]any{"graph_enricher": map[string]any{"prometheus_url": "http://other:9090"}}}},
		},
	}, env)
	var p1, p2 api.PrometheusParams
	if err := json.Unmarshal(cfg.Playbooks[0].Actions[0].Params, &p1); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(cfg.Playbooks[1].Actions[0].Params, &p2); err != nil {
		t.Fatal(err)
	}
	if p1.PrometheusURL != "http://prom:9090" || p1.PrometheusAuth != "Bearer s3cret" || p1.PrometheusAdditionalHeaders["X-Scope-OrgID"] != "t1" {
		t.Errorf("alert_graph_enricher's params %+v: want globalConfig's, the token expanded", p1)
	}
	if p2.PrometheusURL != "http://other:9090" {
		t.Errorf("graph_enricher's own prometheus_url lost: %+v", p2)
	}
	global, err := prom.GlobalParams(cfg.Global.Values)
	if err != nil || global.PrometheusAuth != "Bearer s3cret" {
		t.Errorf("prom.GlobalParams = %+v, %v: want the expanded token", global, err)
	}
	// The override names another server while the merge filled in
	// globalConfig's token: the runner's connector refuses to send it.
	if _, err := prom.NewConnector(global, nil).Connect(p2); err == nil || !strings.Contains(err.Error(), "not sent") {
		t.Errorf("globalConfig's token to another server: err %v", err)
	}
}

func loadValues(t *testing.T, values map[string]any, env map[string]string) *config.Config {
	t.Helper()
	doc, err := yaml.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	cfg, err := config.Load("values.yaml", doc, set, config.WithEnv(lookup))
	if err != nil {
		t.Fatalf("loading:\n%v\n%s", err, doc)
	}
	return cfg
}

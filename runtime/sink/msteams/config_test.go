package msteams_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's documented ms_teams_sink config loads
// unchanged, the URL from {{ env.X }}; an unknown key is refused at its
// position.
func TestRobustaConfigLoads(t *testing.T) {
	env := config.WithEnv(func(name string) (string, bool) {
		return "https://prod.westeurope.logic.azure.com/workflows/1?sig=SECRET", name == "TEAMS_WEBHOOK"
	})
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- ms_teams_sink:
    name: main_ms_teams_sink
    webhook_url: "{{ env.TEAMS_WEBHOOK }}"
    webhook_override: "annotations.msteams"
    send_files: false
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.Sinks[0].Type.New(cfg.Sinks[0].Params, sink.Global{}); err != nil {
		t.Fatal(err)
	}
	_, err = config.Load("values.yaml", []byte(values+"    color: red\n"), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:7:") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("unknown key: error %v, want it at values.yaml:7 without the URL", err)
	}
}

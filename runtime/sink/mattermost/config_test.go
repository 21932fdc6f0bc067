package mattermost_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's documented mattermost_sink config
// loads unchanged and builds a sink; a misspelt key is an error at its
// position without the token.
func TestRobustaConfigLoads(t *testing.T) {
	env := config.WithEnv(func(name string) (string, bool) { return "SECRET", name == "MM_TOKEN" })
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- mattermost_sink:
    name: personal_mattermost_sink
    url: https://mattermost.example.com
    token: "{{ env.MM_TOKEN }}"
    token_id: abc123
    channel: alerts
    team: ops
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.Sinks[0].Type.New(cfg.Sinks[0].Params, sink.Global{}); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(values, "    team:", "    teams:", 1)
	_, err = config.Load("values.yaml", []byte(bad), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:8:") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("a misspelt key: error %v, want it at values.yaml:8", err)
	}
}

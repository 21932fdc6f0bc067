package opsgenie_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's documented opsgenie_sink config (its
// docs/configuration/sinks/Opsgenie.rst, the key from the environment)
// loads unchanged and builds a sink; a misspelt key is an error at its
// position without the key.
func TestRobustaConfigLoads(t *testing.T) {
	env := config.WithEnv(func(name string) (string, bool) { return "SECRET", name == "OPSGENIE_KEY" })
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- opsgenie_sink:
    name: ops_genie_sink
    api_key: "{{ env.OPSGENIE_KEY }}"  # configured from OpsGenie team integration
    teams:
    - "noc"                  # Static team
    - "$labels.team"  # Dynamic routing based on alert labels or annotations.
    default_team: "oncall"   # Optional fallback team for Dynamic team routing
    tags:
    - "prod a"
    - "$labels.app"
    extra_details_labels: false # optional, default is false
- opsgenie_sink:
    name: eu
    api_key: "{{ env.OPSGENIE_KEY }}"
    host: https://api.eu.opsgenie.com
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cfg.Sinks {
		if _, err := s.Type.New(s.Params, sink.Global{}); err != nil {
			t.Fatal(err)
		}
	}
	bad := strings.Replace(values, "    default_team:", "    defaultTeam:", 1)
	_, err = config.Load("values.yaml", []byte(bad), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:8:") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("a misspelt key: error %v, want it at values.yaml:8", err)
	}
}

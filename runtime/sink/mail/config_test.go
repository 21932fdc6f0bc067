package mail_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's documented mail_sink config (the
// mailto URL from {{ env.X }}) loads and builds a sink; a misspelt key is
// an error at its position that does not show the password.
func TestRobustaConfigLoads(t *testing.T) {
	env := config.WithEnv(func(name string) (string, bool) {
		return "mailtos://user:SECRET@example.com?from=robusta@example.com&to=oncall@example.com", name == "MAILTO"
	})
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- mail_sink:
    name: mail_sink
    mailto: "{{ env.MAILTO }}"
    with_header: false
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.Sinks[0].Type.New(cfg.Sinks[0].Params, sink.Global{}); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(values, "with_header", "with_headers", 1)
	_, err = config.Load("values.yaml", []byte(bad), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:5:") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("a misspelt key: error %v, want it at values.yaml:5 without the password", err)
	}
}

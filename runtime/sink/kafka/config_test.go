package kafka_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's kafka_sink config with SASL auth (the
// password from {{ env.X }}) loads and builds a sink; an auth key
// robusta-go does not read is an error at its position.
func TestRobustaConfigLoads(t *testing.T) {
	env := config.WithEnv(func(name string) (string, bool) { return "SECRET", name == "KAFKA_PASSWORD" })
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- kafka_sink:
    name: kafka_sink
    kafka_url: "localhost:9092"
    topic: "robusta-playbooks"
    auth:
      security_protocol: SASL_PLAINTEXT
      sasl_mechanism: SCRAM-SHA-512
      sasl_plain_username: robusta
      sasl_plain_password: "{{ env.KAFKA_PASSWORD }}"
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	s, err := cfg.Sinks[0].Type.New(cfg.Sinks[0].Params, sink.Global{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close(t.Context())
	bad := strings.Replace(values, "      sasl_mechanism:", "      sasl_mechanisms:", 1)
	_, err = config.Load("values.yaml", []byte(bad), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:8:") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("a misspelt auth key: error %v, want it at values.yaml:8", err)
	}
}

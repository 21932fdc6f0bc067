package googlechat_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's documented google_chat_sink config
// loads unchanged, the URL from {{ env.X }}; an unknown key is refused at
// its position.
func TestRobustaConfigLoads(t *testing.T) {
	env := config.WithEnv(func(name string) (string, bool) {
		return "https://chat.googleapis.com/v1/spaces/A/messages?key=SECRET&token=SECRET", name == "GOOGLE_CHAT_WEBHOOK"
	})
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- google_chat_sink:
    name: gchat_sink
    webhook_url: "{{ env.GOOGLE_CHAT_WEBHOOK }}"
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.Sinks[0].Type.New(cfg.Sinks[0].Params, sink.Global{}); err != nil {
		t.Fatal(err)
	}
	_, err = config.Load("values.yaml", []byte(values+"    space: x\n"), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:5:") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("unknown key: error %v, want it at values.yaml:5 without the URL", err)
	}
}

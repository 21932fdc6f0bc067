package discord_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's documented discord_sink config loads
// unchanged, its URL from {{ env.X }}, and the sink it builds posts there;
// a misspelt key is an error at its position.
func TestRobustaConfigLoads(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.URL.Path+" "+string(b))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	env := config.WithEnv(func(name string) (string, bool) {
		return srv.URL + "/api/webhooks/1/TOKEN", name == "DISCORD_WEBHOOK_URL"
	})
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `globalConfig:
  cluster_name: prod
sinksConfig:
- discord_sink:
    name: personal_discord_sink
    url: "{{ env.DISCORD_WEBHOOK_URL }}"
    send_svg: false
    scope:
      include:
      - namespace: [prod]
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Sinks) != 1 || cfg.Sinks[0].Type.Key != "discord_sink" {
		t.Fatalf("sinks %+v", cfg.Sinks)
	}
	s, err := cfg.Sinks[0].Type.New(cfg.Sinks[0].Params, sink.Global{ClusterName: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), &api.Finding{Title: "hello"}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "/api/webhooks/1/TOKEN {") || !strings.Contains(got[0], "**hello**") {
		t.Errorf("requests %q", got)
	}

	bad := strings.Replace(values, "    url:", "    webhook_url:", 1)
	_, err = config.Load("values.yaml", []byte(bad), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:6:") || !strings.Contains(err.Error(), "webhook_url") {
		t.Errorf("a misspelt key: error %v, want it at values.yaml:6", err)
	}
	if err != nil && strings.Contains(err.Error(), "TOKEN") {
		t.Errorf("the error shows the env value: %v", err)
	}
}

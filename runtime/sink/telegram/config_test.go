package telegram_test

import (
	"context"
	"encoding/json"
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

// TestRobustaConfigLoads: Robusta's documented telegram_sink config loads
// unchanged (a numeric chat_id, the token from {{ env.X }}), and the sink
// it builds calls sendMessage; a misspelt key is an error at its position
// that does not show the token.
func TestRobustaConfigLoads(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		json.NewDecoder(r.Body).Decode(&m)
		got = append(got, r.URL.Path)
		if m["chat_id"] != float64(-100987) || m["message_thread_id"] != float64(3) {
			t.Errorf("body %v", m)
		}
		io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	env := config.WithEnv(func(name string) (string, bool) { return "42:SECRET", name == "TELEGRAM_BOT_TOKEN" })
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- telegram_sink:
    name: personal_telegram_sink
    bot_token: "{{ env.TELEGRAM_BOT_TOKEN }}"
    chat_id: -100987
    thread_id: 3
    send_files: false
    api_url: ` + srv.URL + `
`
	cfg, err := config.Load("values.yaml", []byte(values), actions, env)
	if err != nil {
		t.Fatal(err)
	}
	s, err := cfg.Sinks[0].Type.New(cfg.Sinks[0].Params, sink.Global{ClusterName: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), &api.Finding{Title: "hello"}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "/bot42:SECRET/sendMessage" {
		t.Errorf("calls %q", got)
	}

	for _, bad := range []string{
		strings.Replace(values, "    thread_id:", "    topic_id:", 1),
		strings.Replace(values, "chat_id: -100987", "chat_id: [1]", 1),
	} {
		_, err = config.Load("values.yaml", []byte(bad), actions, env)
		if err == nil || !strings.Contains(err.Error(), "values.yaml:") || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("bad config: error %v, want a position and no token", err)
		}
	}
}

package config

import (
	"strings"
	"testing"
)

// A value read from {{ env.X }} loses surrounding whitespace: a Secret
// mounted from a file usually ends in a newline, which would otherwise end
// up inside a token.
func TestEnvValuesAreTrimmed(t *testing.T) {
	env := func(name string) (string, bool) { return " \tv1\n", name == "PADDED" }
	values := "customPlaybooks:\n- triggers: [{on_pod_update: {}}]\n  actions:\n  - echo: {message: \"{{ env.PADDED }}\"}\n"
	cfg, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(env))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(cfg.Playbooks[0].Actions[0].Params); !strings.Contains(got, `"v1"`) {
		t.Errorf("params %s, want the value trimmed to \"v1\"", got)
	}
}

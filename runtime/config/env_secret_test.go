package config

import (
	"strings"
	"testing"
)

// TestErrorsNeverEchoEnvValues: a value that came from {{ env.X }} is a
// secret; a message about it names the reference, never the value, in
// either of the forms messages quote it.
func TestErrorsNeverEchoEnvValues(t *testing.T) {
	env := func(name string) (string, bool) {
		if name == "TOKEN_RE" {
			return " tok-s3cr3t|(\n", true
		}
		return "", false
	}
	values := `sinksConfig:
- stdout_sink:
    name: out
    scope:
      include:
      - severity: "{{ env.TOKEN_RE }}"
`
	_, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(env))
	if err == nil {
		t.Fatal("a bad regex from the environment was accepted")
	}
	msg := err.Error()
	if strings.Contains(msg, "s3cr3t") {
		t.Errorf("the error echoes the environment's value:\n%s", msg)
	}
	if !strings.Contains(msg, "values.yaml:6:") || !strings.Contains(msg, "{{ env.TOKEN_RE }}") {
		t.Errorf("the error lost its position or the reference:\n%s", msg)
	}
}

package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
)

// TestLoadAlertRelabel: entries in order, operation add by default, and
// custom_severity_map from globalConfig with lowercased keys.
func TestLoadAlertRelabel(t *testing.T) {
	values := `globalConfig:
  custom_severity_map:
    P1: high
    warning: DEBUG
alertRelabel:
- source: pod_name
  target: pod
- {source: deployment_name, target: deployment, operation: replace}
`
	cfg, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
	if err != nil {
		t.Fatal(err)
	}
	want := Alerts{
		Relabel:     []AlertRelabel{{Source: "pod_name", Target: "pod"}, {Source: "deployment_name", Target: "deployment", Replace: true}},
		SeverityMap: map[string]api.Severity{"p1": api.SeverityHigh, "warning": api.SeverityDebug},
	}
	if diff := cmp.Diff(want, cfg.Alerts); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
}

// TestLoadAlertRelabelMistakes: every mistake at its position.
func TestLoadAlertRelabelMistakes(t *testing.T) {
	values := `alertRelabel:
- source: a
  target: b
  operation: replce
- target: b
- source: ""
  target: b
  sorce: x
- just a string
globalConfig:
  custom_severity_map:
    p1: urgent
`
	_, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
	if err == nil {
		t.Fatal("Load succeeded, want errors")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		`values.yaml:4:14: unknown alertRelabel operation "replce": want add or replace (did you mean "replace"?)`,
		`values.yaml:5:3: an alertRelabel entry needs source: the alert label to copy from (source) and to (target)`,
		`values.yaml:6:11: alertRelabel source must not be empty`,
		`values.yaml:8:3: unknown alertRelabel key "sorce" (did you mean "source"?)`,
		`values.yaml:9:3: an alertRelabel entry must be a mapping, got "just a string"`,
		`values.yaml:12:9: custom_severity_map.p1: ` + severityErr(t, "urgent"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func severityErr(t *testing.T, s string) string {
	_, err := api.ParseSeverity(s)
	if err == nil {
		t.Fatalf("ParseSeverity(%q) succeeded", s)
	}
	return err.Error()
}

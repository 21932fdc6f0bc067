package jira_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// TestRobustaConfigLoads: Robusta's documented jira_sink config (its
// docs/configuration/sinks/jira.rst, the placeholders filled in and the
// token from the environment) and one with every optional key load
// unchanged and build sinks; a misspelt key is an error at its position
// without the token.
func TestRobustaConfigLoads(t *testing.T) {
	env := config.WithEnv(func(name string) (string, bool) { return "SECRET", name == "JIRA_TOKEN" })
	actions, err := registry.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	values := `sinksConfig:
- jira_sink:
    name: personal_jira_sink
    url: https://workspace.atlassian.net
    username: jira-user@company.com
    api_key: "{{ env.JIRA_TOKEN }}"
    dedups:
      - fingerprint
    assignee: 5b10a2844c20165700ede21g
    epic: OPS-12
    project_name: project_name
    priority_mapping:
      HIGH: "High"
      LOW: "Low"
      INFO: "Lowest"
    scope:
      include:
        - identifier: [CPUThrottlingHigh, KubePodCrashLooping]
- jira_sink:
    name: all_keys
    url: https://workspace.atlassian.net
    username: jira-user@company.com
    api_key: "{{ env.JIRA_TOKEN }}"
    project_name: OPS
    issue_type: Bug
    project_type_id_override: 10000
    issue_type_id_override: 10005
    sendResolved: true
    reopenIssues: true
    doneStatusName: Closed
    reopenStatusName: Reopened
    noReopenResolution: "Won't Do"
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
	bad := strings.Replace(values, "    epic:", "    epics:", 1)
	_, err = config.Load("values.yaml", []byte(bad), actions, env)
	if err == nil || !strings.Contains(err.Error(), "values.yaml:10:") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("a misspelt key: error %v, want it at values.yaml:10", err)
	}
}

package config

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// loaded is the part of a Config a test compares.
type loaded struct {
	Global    Global
	Sinks     []loadedSink
	Playbooks []loadedPlaybook
}

type loadedSink struct {
	Type, Name, Params string
	Default, Stop      bool
	Line               int
}

type loadedPlaybook struct {
	Name     string
	Triggers []string
	Actions  []string // name and params
	Sinks    []string
	Stop     bool
	Line     int
}

func summarize(t *testing.T, cfg *Config) loaded {
	t.Helper()
	out := loaded{Global: cfg.Global}
	for _, s := range cfg.Sinks {
		out.Sinks = append(out.Sinks, loadedSink{
			Type: s.Type.Key, Name: s.Common.Name, Params: string(s.Params),
			Default: s.Common.IsDefault(), Stop: s.Common.Stop, Line: s.Pos.Line,
		})
	}
	for _, p := range cfg.Playbooks {
		lp := loadedPlaybook{Name: p.Name, Sinks: p.Sinks, Stop: p.Stop, Line: p.Pos.Line}
		for _, tr := range p.Triggers {
			lp.Triggers = append(lp.Triggers, tr.Spec.Name)
		}
		for _, a := range p.Actions {
			if a.Run == nil {
				t.Errorf("playbook %s: action %s is not bound", p.Name, a.Action.Name)
			}
			lp.Actions = append(lp.Actions, a.Action.Name+" "+string(a.Params))
		}
		out.Playbooks = append(out.Playbooks, lp)
	}
	return out
}

func TestLoadGood(t *testing.T) {
	data, err := os.ReadFile("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Load("testdata/good.yaml", data, testActions(t), WithEnv(testEnv))
	if err != nil {
		t.Fatalf("Load:\n%v", err)
	}
	want := loaded{
		Global: Global{
			ClusterName: "prod-eu",
			Values: map[string]any{
				"cluster_name":        "prod-eu",
				"prometheus_url":      "http://prometheus:9090",
				"custom_severity_map": map[string]any{},
			},
		},
		Sinks: []loadedSink{
			{Type: "file_sink", Name: "main", Params: `{"file_name":"/var/log/findings.jsonl","name":"main"}`, Default: true, Line: 12},
			{
				Type: "stdout_sink", Name: "debug", Default: false, Stop: true, Line: 15,
				Params: `{"default":false,"name":"debug","scope":{"include":[{"labels":"team=sre, tier!=db","namespace":["prod","prod-.*"]}]},"stop":true}`,
			},
		},
		Playbooks: []loadedPlaybook{
			{
				Name: "Silencer", Triggers: []string{"on_prometheus_alert"}, Line: 24,
				Actions: []string{`echo {"cluster_name":"prod-eu","message":"silence","prometheus_url":"http://prometheus:9090"}`},
			},
			{
				Name: "ApiPodCheck", Triggers: []string{"on_pod_update", "on_pod_create"}, Line: 32,
				Actions: []string{`pod_bash_enricher {"bash_command":"ls -al /"}`},
				Sinks:   []string{"debug"}, Stop: true,
			},
			{
				Name: "playbook-2", Triggers: []string{"on_pod_create"}, Line: 43,
				Actions: []string{`pod_change_differ {}`}, Sinks: []string{},
			},
			{
				Name: "Alpha", Triggers: []string{"on_deployment_update"}, Line: 54,
				Actions: []string{`echo {"cluster_name":"prod-eu","message":"hello","prometheus_url":"http://prometheus:9090"}`},
			},
			{
				Name: "Zeta", Triggers: []string{"on_schedule"}, Line: 50,
				Actions: []string{`log_level {"level":"debug","retries":3}`},
			},
			{
				Name: "Builtin", Triggers: []string{"on_node_create"}, Line: 58,
				Actions: []string{`echo {"cluster_name":"prod-eu","message":"xoxb-1","prometheus_url":"http://prometheus:9090"}`},
			},
			{
				Name: "Platform", Triggers: []string{"on_job_update"}, Line: 66,
				Actions: []string{`log_level {"level":"info","retries":3}`},
			},
		},
	}
	if diff := cmp.Diff(want, summarize(t, cfg)); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if got := cfg.Playbooks[6].Actions[0].Pos.String(); got != "testdata/good.yaml:68:14" {
		t.Errorf("action position = %s", got)
	}
	var sched = cfg.Playbooks[4].Triggers[0].Schedule
	if sched.CronScheduleRepeat == nil || sched.CronScheduleRepeat.CronExpression != "0 * * * *" {
		t.Errorf("schedule = %+v", sched)
	}
}

// TestLoadPlatformDisabled: platform playbooks are neither loaded nor
// checked while enablePlatformPlaybooks is off, and namedCustomPlaybooks load
// without customPlaybooks.
func TestLoadPlatformDisabled(t *testing.T) {
	values := `namedCustomPlaybooks:
  mine:
  - name: Mine
    triggers: [{on_pod_update: {}}]
    actions: [{echo: {}}]
enablePlatformPlaybooks: false
platformPlaybooks:
- name: NeedsTheUI
  triggers: [{on_pod_evicted: {}}]
  actions: [{robusta_ui_only: {}}]
disabledPlaybooks: [NeedsTheUI]
`
	cfg, err := Load("values.yaml", []byte(values), testActions(t))
	if err != nil {
		t.Fatalf("Load:\n%v", err)
	}
	var names []string
	for _, p := range cfg.Playbooks {
		names = append(names, p.Name)
	}
	if diff := cmp.Diff([]string{"Mine"}, names); diff != "" {
		t.Errorf("playbooks (-want +got):\n%s", diff)
	}
}

// TestLoadEmpty: an empty file or one of comments is an empty config.
func TestLoadEmpty(t *testing.T) {
	for _, values := range []string{"", "# nothing\n", "---\n", "~\n"} {
		cfg, err := Load("values.yaml", []byte(values), nil)
		if err != nil {
			t.Errorf("Load(%q): %v", values, err)
			continue
		}
		if len(cfg.Playbooks)+len(cfg.Sinks) != 0 {
			t.Errorf("Load(%q) = %+v, want empty", values, cfg)
		}
	}
}

// TestLoadRegistryDisagrees: an action whose generated trigger list claims a
// trigger its type assertion refuses is still refused.
func TestLoadRegistryDisagrees(t *testing.T) {
	set := testActions(t)
	a, _ := set.Lookup("pod_bash_enricher")
	a.Triggers = append(a.Triggers, "on_schedule")
	slices.Sort(a.Triggers)
	values := `customPlaybooks:
- triggers: [{on_schedule: {fixed_delay_repeat: {repeat: 1, seconds_delay: 5}}}]
  actions: [{pod_bash_enricher: {bash_command: ls}}]
`
	_, err := Load("values.yaml", []byte(values), set)
	want := `values.yaml:3:14: action pod_bash_enricher takes api.PodEvent and cannot run on on_schedule (api.ScheduledEvent)`
	if err == nil || err.Error() != want {
		t.Errorf("Load error = %v, want %s", err, want)
	}
}

// TestLoadDefaultEnv: without WithEnv, the process environment is used.
func TestLoadDefaultEnv(t *testing.T) {
	t.Setenv("ROBUSTA_CONFIG_TEST_CMD", "uptime")
	values := `customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: "{{ env.ROBUSTA_CONFIG_TEST_CMD }}"}}]
`
	cfg, err := Load("values.yaml", []byte(values), testActions(t))
	if err != nil {
		t.Fatal(err)
	}
	var p bashParams
	if err := json.Unmarshal(cfg.Playbooks[0].Actions[0].Params, &p); err != nil || p.BashCommand != "uptime" {
		t.Errorf("params = %s (%v)", cfg.Playbooks[0].Actions[0].Params, err)
	}
}

func TestErrorListFormat(t *testing.T) {
	l := ErrorList{
		{Pos: Pos{File: "v.yaml", Line: 3, Col: 5}, Msg: "b"},
		{Pos: Pos{File: "v.yaml", Line: 1, Col: 9}, Msg: "a"},
		{Pos: Pos{File: "v.yaml", Line: 3, Col: 5}, Msg: "b"},
	}
	l.Sort()
	if got, want := l.Error(), "v.yaml:1:9: a\nv.yaml:3:5: b"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if n := len(l.Unwrap()); n != 2 {
		t.Errorf("Unwrap() has %d errors", n)
	}
	if !strings.HasPrefix(l[0].Error(), "v.yaml:1:9: ") {
		t.Errorf("Error.Error() = %q", l[0].Error())
	}
}

// TestLoadManyMistakes: one run reports every problem of a file, each once,
// sorted by position.
func TestLoadManyMistakes(t *testing.T) {
	data, err := os.ReadFile("testdata/mistakes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load("mistakes.yaml", data, testActions(t), WithEnv(testEnv))
	if err == nil {
		t.Fatal("Load succeeded")
	}
	want := []string{
		`mistakes.yaml:3:17: environment variable "CLUSTR" is not set`,
		`mistakes.yaml:4:19: param "prometheus_url" of action echo: got number, want string`,
		`mistakes.yaml:6:3: unknown sink type "slack_snk" (did you mean "slack_sink"?)`,
		`mistakes.yaml:8:3: missing required param "file_name" of file_sink`,
		`mistakes.yaml:9:11: duplicate sink name "team" (first defined at mistakes.yaml:7:11)`,
		`mistakes.yaml:10:5: unknown param "file_nme" of file_sink (did you mean "file_name"?)`,
		`mistakes.yaml:14:5: unknown trigger "on_pod_updte" (did you mean "on_pod_update"?)`,
		`mistakes.yaml:16:7: unknown filter "alert_nam" for on_prometheus_alert (did you mean "alert_name"?)`,
		`mistakes.yaml:18:5: missing required param "bash_command" of action pod_bash_enricher`,
		`mistakes.yaml:19:7: unknown param "bash_comand" of action pod_bash_enricher (did you mean "bash_command"?)`,
		`mistakes.yaml:21:11: unknown sink "teem": sinksConfig defines no sink of that name (did you mean "team"?)`,
		"mistakes.yaml:23:5: filters for on_schedule: set exactly one of fixed_delay_repeat and cron_schedule_repeat",
		"mistakes.yaml:27:5: action pod_change_differ takes *api.PodChangeEvent and cannot run on on_schedule (api.ScheduledEvent)",
		`mistakes.yaml:28:24: param "level" of action log_level: "loud" is not one of "info", "debug", "warning"`,
		`mistakes.yaml:29:3: unknown playbook key "stopp" (did you mean "stop"?)`,
		`mistakes.yaml:34:24: filter "labels_selector" for on_deployment_update: unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt`,
		`mistakes.yaml:35:26: filter "scope.include[0].nam" for on_deployment_update: unknown attribute "nam" (did you mean "name"?)`,
		`mistakes.yaml:37:5: unknown action "nope_action"`,
		"mistakes.yaml:38:5: action fail_bind: told to fail",
		`mistakes.yaml:39:21: unknown playbook "Tree" in disabledPlaybooks`,
		`mistakes.yaml:40:1: unknown key "custmPlaybooks" (did you mean "customPlaybooks"?)`,
	}
	got := strings.Split(err.Error(), "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

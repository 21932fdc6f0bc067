package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mistakes are values files with one mistake each, and the exact lines Load
// reports for it.
var mistakes = []struct {
	name   string
	values string
	want   []string
}{
	{
		name:   "unknown top-level key",
		values: "custmPlaybooks: []\n",
		want:   []string{`values.yaml:1:1: unknown key "custmPlaybooks" (did you mean "customPlaybooks"?)`},
	},
	{
		name: "unknown trigger",
		values: `customPlaybooks:
- triggers:
  - on_pod_updat: {}
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:3:5: unknown trigger "on_pod_updat" (did you mean "on_pod_update"?)`,
		},
	},
	{
		name: "unknown filter",
		values: `customPlaybooks:
- triggers:
  - on_pod_update:
      name_prefx: api-
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:4:7: unknown filter "name_prefx" for on_pod_update (did you mean "name_prefix"?)`,
		},
	},
	{
		name: "unknown filter on on_prometheus_alert",
		values: `customPlaybooks:
- triggers:
  - on_prometheus_alert:
      alert_nam: KubePodCrashLooping
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:4:7: unknown filter "alert_nam" for on_prometheus_alert (did you mean "alert_name"?)`,
		},
	},
	{
		name: "bad labels_selector",
		values: `customPlaybooks:
- triggers:
  - on_pod_update:
      labels_selector: "app=web=api"
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:4:24: filter "labels_selector" for on_pod_update: found '=', expected: ',' or 'end of string'`,
		},
	},
	{
		name: "bad scope regex",
		values: `customPlaybooks:
- triggers:
  - on_deployment_update:
      scope:
        include:
        - name: "api-("
  actions:
  - echo: {}
`,
		want: []string{
			"values.yaml:6:17: filter \"scope.include[0].name\" for on_deployment_update: invalid regex \"api-(\": error parsing regexp: missing closing ): `api-(`",
		},
	},
	{
		name: "unknown scope attribute",
		values: `customPlaybooks:
- triggers:
  - on_deployment_update:
      scope:
        exclude:
        - namespce: kube-system
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:6:11: filter "scope.exclude[0].namespce" for on_deployment_update: unknown attribute "namespce" (did you mean "namespace"?)`,
		},
	},
	{
		name: "scope value of the wrong type",
		values: `customPlaybooks:
- triggers:
  - on_pod_update:
      scope:
        include:
        - name: [api, 42]
          namespace: {a: b}
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:6:23: filter "scope.include[0].name[1]" for on_pod_update: got number, want string`,
			`values.yaml:7:22: filter "scope.include[0].namespace" for on_pod_update: got a mapping, want string or a list`,
		},
	},
	{
		name: "bad sink match",
		values: `sinksConfig:
- stdout_sink:
    name: console
    match:
      severty: HIGH
      labels: "team"
`,
		want: []string{
			`values.yaml:5:7: param "match.severty" of stdout_sink: unknown attribute "severty" (did you mean "severity"?)`,
			`values.yaml:6:15: param "match.labels" of stdout_sink: malformed pair "team": want key=value`,
		},
	},
	{
		name: "bad sink scope",
		values: `sinksConfig:
- stdout_sink:
    name: main
    scope:
      include:
      - severity: "HIGH|("
      - labels: "team"
`,
		want: []string{
			"values.yaml:6:19: param \"scope.include[0].severity\" of stdout_sink: invalid regex \"HIGH|(\": error parsing regexp: missing closing ): `HIGH|(`",
			`values.yaml:7:17: param "scope.include[1].labels" of stdout_sink: malformed pair "team": want key=regex or key!=regex`,
		},
	},
	{
		name: "unknown action",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enrichr:
      bash_command: ls
`,
		want: []string{
			`values.yaml:5:5: unknown action "pod_bash_enrichr" (did you mean "pod_bash_enricher"?)`,
		},
	},
	{
		name: "missing required param",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enricher: {}
`,
		want: []string{
			`values.yaml:5:5: missing required param "bash_command" of action pod_bash_enricher`,
		},
	},
	{
		name: "missing params altogether",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enricher:
`,
		want: []string{
			`values.yaml:5:5: missing required param "bash_command" of action pod_bash_enricher`,
		},
	},
	{
		name: "wrong param type",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enricher:
      bash_command: [ls, -al]
`,
		want: []string{
			`values.yaml:6:21: param "bash_command" of action pod_bash_enricher: got a list, want string`,
		},
	},
	{
		name: "params not a mapping",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enricher: ls -al
`,
		want: []string{
			`values.yaml:5:24: params of action pod_bash_enricher: got string, want a mapping`,
		},
	},
	{
		name: "enum violation",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - log_level:
      level: verbose
`,
		want: []string{
			`values.yaml:6:14: param "level" of action log_level: "verbose" is not one of "info", "debug", "warning"`,
		},
	},
	{
		name: "enum typo",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - log_level:
      level: debgu
`,
		want: []string{
			`values.yaml:6:14: param "level" of action log_level: "debgu" is not one of "info", "debug", "warning" (did you mean "debug"?)`,
		},
	},
	{
		name: "minimum and pattern",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - log_level:
      retries: -1
      period: 5 minutes
`,
		want: []string{
			`values.yaml:6:16: param "retries" of action log_level: got -1, want at least 0`,
			`values.yaml:7:15: param "period" of action log_level: "5 minutes" is not a duration such as 30s, 5m or 1h30m`,
		},
	},
	{
		name: "unknown param",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enricher:
      bash_command: ls
      bash_comand: ls
`,
		want: []string{
			`values.yaml:7:7: unknown param "bash_comand" of action pod_bash_enricher (did you mean "bash_command"?)`,
		},
	},
	{
		name: "param of an action that takes none",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_change_differ:
      verbose: true
`,
		want: []string{
			`values.yaml:6:7: unknown param "verbose" of action pod_change_differ (action pod_change_differ takes no params)`,
		},
	},
	{
		name: "incompatible trigger",
		values: `customPlaybooks:
- triggers:
  - on_schedule:
      fixed_delay_repeat: {repeat: -1, seconds_delay: 60}
  actions:
  - pod_bash_enricher:
      bash_command: ls
`,
		want: []string{
			`values.yaml:6:5: action pod_bash_enricher takes api.PodEvent and cannot run on on_schedule (api.ScheduledEvent)`,
		},
	},
	{
		name: "incompatible trigger, concrete event",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  - on_deployment_update: {}
  - on_deployment_create: {}
  actions:
  - pod_change_differ: {}
`,
		want: []string{
			`values.yaml:7:5: action pod_change_differ takes *api.PodChangeEvent and cannot run on on_deployment_create (api.DeploymentChangeEvent)`,
			`values.yaml:7:5: action pod_change_differ takes *api.PodChangeEvent and cannot run on on_deployment_update (api.DeploymentChangeEvent)`,
		},
	},
	{
		name: "missing env var in action params",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enricher:
      bash_command: "curl -H 'Authorization: {{ env.TOKEN }}' {{env.URL}}/{{ env.TOKEN }}"
`,
		want: []string{
			`values.yaml:6:21: environment variable "TOKEN" is not set`,
			`values.yaml:6:21: environment variable "URL" is not set`,
		},
	},
	{
		name: "missing env var in sink and globalConfig",
		values: `globalConfig:
  cluster_name: "{{ env.CLUSTER_NAME }}"
sinksConfig:
- file_sink:
    name: main
    file_name: "/var/log/{{ env.LOG_FILE }}"
`,
		want: []string{
			`values.yaml:2:17: environment variable "CLUSTER_NAME" is not set`,
			`values.yaml:6:16: environment variable "LOG_FILE" is not set`,
		},
	},
	{
		name: "env not substituted in trigger filters",
		values: `customPlaybooks:
- triggers:
  - on_pod_update:
      name_prefix: "{{ env.NOPE }}"
  actions:
  - echo:
      message: 42
`,
		want: []string{
			`values.yaml:7:16: param "message" of action echo: got number, want string`,
		},
	},
	{
		name: "unknown sink type",
		values: `sinksConfig:
- file_snk:
    name: main
    file_name: /tmp/findings
`,
		want: []string{
			`values.yaml:2:3: unknown sink type "file_snk" (did you mean "file_sink"?)`,
		},
	},
	{
		name: "unknown sink param and missing required",
		values: `sinksConfig:
- file_sink:
    name: main
    filename: /tmp/findings
`,
		want: []string{
			`values.yaml:2:3: missing required param "file_name" of file_sink`,
			`values.yaml:4:5: unknown param "filename" of file_sink (did you mean "file_name"?)`,
		},
	},
	{
		name: "sink entry with two keys",
		values: `sinksConfig:
- file_sink:
  name: main
`,
		want: []string{
			`values.yaml:3:3: each element of sinksConfig takes exactly one key, found "name" beside "file_sink" (indent params under "file_sink"; start a new "- " item for another sink)`,
		},
	},
	{
		name: "unknown sink in playbook",
		values: `sinksConfig:
- stdout_sink:
    name: team
customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - echo: {}
  sinks: [tem, nobody]
`,
		want: []string{
			`values.yaml:9:11: unknown sink "tem": sinksConfig defines no sink of that name (did you mean "team"?)`,
			`values.yaml:9:16: unknown sink "nobody": sinksConfig defines no sink of that name`,
		},
	},
	{
		name: "duplicate sink names",
		values: `sinksConfig:
- stdout_sink:
    name: main
- file_sink:
    name: main
    file_name: /tmp/findings
`,
		want: []string{
			`values.yaml:5:11: duplicate sink name "main" (first defined at values.yaml:3:11)`,
		},
	},
	{
		name: "trigger element with two keys",
		values: `customPlaybooks:
- triggers:
  - on_pod_update:
    name_prefix: api-
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:4:5: each element of triggers takes exactly one key, found "name_prefix" beside "on_pod_update" (indent filters under "on_pod_update"; start a new "- " item for another trigger)`,
		},
	},
	{
		name: "action element with two keys",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - pod_bash_enricher: {bash_command: ls}
    echo: {}
`,
		want: []string{
			`values.yaml:6:5: each element of actions takes exactly one key, found "echo" beside "pod_bash_enricher" (indent params under "pod_bash_enricher"; start a new "- " item for another action)`,
		},
	},
	{
		name: "trigger written as a string",
		values: `customPlaybooks:
- triggers:
  - on_pod_update
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:3:5: an element of triggers must map a trigger name to its filters, got "on_pod_update"`,
		},
	},
	{
		name:   "YAML syntax error",
		values: "customPlaybooks:\n- triggers:\n\t- on_pod_update: {}\n",
		want: []string{
			`values.yaml:3:1: yaml: found character that cannot start any token`,
		},
	},
	{
		name:   "YAML syntax error on the first line",
		values: "globalConfig: a: b\n",
		want: []string{
			`values.yaml:1:1: yaml: mapping values are not allowed in this context`,
		},
	},
	{
		name: "disabledPlaybooks unknown name",
		values: `builtinPlaybooks:
- name: PodOOMKill
  triggers:
  - on_pod_update: {}
  actions:
  - echo: {}
disabledPlaybooks: [PodOOMKil, Other]
`,
		want: []string{
			`values.yaml:7:21: unknown playbook "PodOOMKil" in disabledPlaybooks (did you mean "PodOOMKill"?)`,
			`values.yaml:7:32: unknown playbook "Other" in disabledPlaybooks`,
		},
	},
	{
		name: "schedule with both forms",
		values: `customPlaybooks:
- triggers:
  - on_schedule:
      fixed_delay_repeat: {repeat: 3, seconds_delay: 60}
      cron_schedule_repeat: {cron_expression: "0 * * * *"}
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:3:5: filters for on_schedule: set exactly one of fixed_delay_repeat and cron_schedule_repeat`,
		},
	},
	{
		name: "schedule with no form",
		values: `customPlaybooks:
- triggers:
  - on_schedule:
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:3:5: filters for on_schedule: set exactly one of fixed_delay_repeat and cron_schedule_repeat`,
		},
	},
	{
		name: "schedule with a bad form",
		values: `customPlaybooks:
- triggers:
  - on_schedule:
      fixed_delay_repeat: {seconds_delay: 0}
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:4:43: filter "fixed_delay_repeat.seconds_delay" for on_schedule: got 0, want at least 1`,
		},
	},
	{
		name: "unknown nested filter",
		values: `customPlaybooks:
- triggers:
  - on_schedule:
      cron_schedule_repeat: {cron_expresion: "0 * * * *"}
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:4:7: missing required filter "cron_schedule_repeat.cron_expression" for on_schedule`,
			`values.yaml:4:30: unknown filter "cron_schedule_repeat.cron_expresion" for on_schedule (did you mean "cron_expression"?)`,
		},
	},
	{
		name: "unknown nested sink param and empty scope value",
		values: `sinksConfig:
- stdout_sink:
    name: main
    scope:
      includ: []
      exclude:
      - name: []
`,
		want: []string{
			`values.yaml:5:7: unknown param "scope.includ" of stdout_sink (did you mean "include"?)`,
			`values.yaml:7:15: param "scope.exclude[0].name" of stdout_sink: got 0 items, want at least 1`,
		},
	},
	{
		name: "alert status not in enum",
		values: `customPlaybooks:
- triggers:
  - on_prometheus_alert:
      status: fired
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:4:15: filter "status" for on_prometheus_alert: "fired" is not one of "firing", "resolved", "all"`,
		},
	},
	{
		name: "playbook without triggers and with empty actions",
		values: `customPlaybooks:
- name: Empty
  actions: []
`,
		want: []string{
			`values.yaml:2:3: playbook "Empty" has no triggers`,
			`values.yaml:3:12: actions must not be empty`,
		},
	},
	{
		name: "null triggers",
		values: `customPlaybooks:
- triggers:
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:2:3: triggers must not be empty`,
		},
	},
	{
		name: "unknown playbook key",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  action:
  - echo: {}
`,
		want: []string{
			`values.yaml:2:3: playbook has no actions`,
			`values.yaml:4:3: unknown playbook key "action" (did you mean "actions"?)`,
		},
	},
	{
		name: "stop not a boolean, name not a string",
		values: `customPlaybooks:
- name: [a]
  triggers:
  - on_pod_update: {}
  actions:
  - echo: {}
  stop: "yes"
`,
		want: []string{
			`values.yaml:2:9: name must be a string, got a list`,
			`values.yaml:7:9: stop must be true or false, got "yes"`,
		},
	},
	{
		name: "sink without a name",
		values: `sinksConfig:
- stdout_sink: {}
- stdout_sink:
    name: ""
`,
		want: []string{
			`values.yaml:2:3: missing required param "name" of stdout_sink`,
			`values.yaml:4:11: param "name" of stdout_sink: got 0 characters, want at least 1`,
		},
	},
	{
		name: "non-string mapping key",
		values: `globalConfig:
  custom_severity_map:
    200: HIGH
`,
		want: []string{
			`values.yaml:3:5: mapping keys must be strings, got the number 200`,
		},
	},
	{
		name: "duplicate key",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - echo: {}
  triggers:
  - on_pod_create: {}
`,
		want: []string{
			`values.yaml:6:3: duplicate key "triggers" (first at line 2)`,
		},
	},
	{
		name: "Bind error",
		values: `customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - fail_bind: {fail: true}
`,
		want: []string{
			`values.yaml:5:5: action fail_bind: told to fail`,
		},
	},
	{
		name: "cluster_name not a string",
		values: `globalConfig:
  cluster_name: 42
`,
		want: []string{
			`values.yaml:2:17: globalConfig.cluster_name must be a string, got the number 42`,
		},
	},
	{
		name: "globalConfig value of the wrong type for an action",
		values: `globalConfig:
  prometheus_url: 9090
customPlaybooks:
- triggers:
  - on_pod_update: {}
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:2:19: param "prometheus_url" of action echo: got number, want string`,
		},
	},
	{
		name:   "values file not a mapping",
		values: "- customPlaybooks\n",
		want: []string{
			`values.yaml:1:1: a values file must be a mapping, got a list`,
		},
	},
	{
		name: "lists and mappings of the wrong kind",
		values: `customPlaybooks: {a: b}
namedCustomPlaybooks: [a]
sinksConfig: main
enablePlatformPlaybooks: "true"
disabledPlaybooks: {a: b}
globalConfig: [a]
`,
		want: []string{
			`values.yaml:1:18: customPlaybooks must be a list, got a mapping`,
			`values.yaml:2:23: namedCustomPlaybooks must be a mapping, got a list`,
			`values.yaml:3:14: sinksConfig must be a list, got "main"`,
			`values.yaml:4:26: enablePlatformPlaybooks must be true or false, got "true"`,
			`values.yaml:5:20: disabledPlaybooks must be a list, got a mapping`,
			`values.yaml:6:15: globalConfig must be a mapping, got a list`,
		},
	},
	{
		name: "namedCustomPlaybooks entry not a list",
		values: `namedCustomPlaybooks:
  mine:
    triggers: []
`,
		want: []string{
			`values.yaml:3:5: namedCustomPlaybooks.mine must be a list, got a mapping`,
		},
	},
	{
		name: "recursive alias",
		values: `globalConfig:
  loop: &loop [1, *loop]
`,
		want: []string{
			`values.yaml:2:19: alias *loop refers to a node that contains it`,
		},
	},
	{
		name: "number JSON cannot hold and unknown tag",
		values: `globalConfig:
  limit: .inf
  other: !custom value
`,
		want: []string{
			`values.yaml:2:10: .inf is not a number JSON can hold`,
			`values.yaml:3:10: unsupported YAML tag "!custom"`,
		},
	},
	{
		name: "trigger params given to on_prometheus_alert at the wrong level",
		values: `customPlaybooks:
- triggers:
  - on_prometheus_alert: KubePodCrashLooping
  actions:
  - echo: {}
`,
		want: []string{
			`values.yaml:3:26: filters for on_prometheus_alert: got string, want a mapping`,
		},
	},
}

func TestLoadMistakes(t *testing.T) {
	for _, tc := range mistakes {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Load("values.yaml", []byte(tc.values), testActions(t), WithEnv(testEnv))
			if err == nil {
				t.Fatalf("Load succeeded (%d playbooks), want errors", len(cfg.Playbooks))
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList", err)
			}
			got := strings.Split(err.Error(), "\n")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

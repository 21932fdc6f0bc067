package values_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	rtschema "github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// sample is a values file and what the schema must say of it: valid, or
// an error containing want (usually the instance location, "at '/...'").
type sample struct {
	name string
	ok   bool
	want string
	yaml string
}

var samples = []sample{
	{name: "empty file", ok: true, yaml: `{}`},
	{name: "single trigger", ok: true, yaml: `
customPlaybooks:
- triggers:
  - on_pod_update:
      name_prefix: api-
  actions:
  - pod_bash_enricher:
      bash_command: ls -al /
`},
	{name: "mixed triggers every action accepts", ok: true, yaml: `
customPlaybooks:
- triggers:
  - on_pod_create: {}
  - on_pod_update: {}
  - on_prometheus_alert:
      alert_name: KubePodCrashLooping
  actions:
  - pod_bash_enricher: {bash_command: ps aux, timeout: 90s}
  - echo: {}
`},
	{name: "action without params written {} and null, trigger null", ok: true, yaml: `
customPlaybooks:
- triggers:
  - on_deployment_update:
  actions:
  - echo: {}
  - echo:
  - deployment_size: {replicas: 3}
`},
	{name: "sinks, globalConfig, global and chart keys", ok: true, yaml: `
global:
  imageRegistry: registry.local
image: {repository: robusta-runner, tag: dev}
runner: {resources: {requests: {cpu: 100m}}}
clusterName: prod
globalConfig:
  cluster_name: prod-eu
  message: from global
sinksConfig:
- file_sink:
    name: main
    file_name: /var/log/findings.jsonl
- stdout_sink:
    name: console
    default: false
    scope:
      include:
      - namespace: [prod, staging]
customPlaybooks:
- name: ApiPodCheck
  triggers:
  - on_pod_update: {namespace_prefix: prod}
  actions:
  - echo:
  sinks: [main]
  stop: true
disabledPlaybooks: [ApiPodCheck]
enablePlatformPlaybooks: false
`},
	{name: "every playbook list", ok: true, yaml: `
priorityBuiltinPlaybooks:
- {triggers: [{on_schedule: {fixed_delay_repeat: {repeat: -1, seconds_delay: 60}}}], actions: [{tick: {}}]}
builtinPlaybooks:
- {triggers: [{on_kubernetes_any_resource_all_changes: {}}, {on_service_create: {}}], actions: [{any_change: {other: {replicas: 1}}}]}
platformPlaybooks:
- {triggers: [{on_prometheus_alert: {status: resolved}}], actions: [{pod_bash_enricher: {bash_command: x}}, {deployment_size: {replicas: 0}}]}
namedCustomPlaybooks:
  team-a:
  - {triggers: [{on_pod_all_changes: }], actions: [{echo: }]}
customPlaybooks:
`},
	{name: "every param kind", ok: true, yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions:
  - everything:
      name: web
      NoTag: x
      forced: y
      count: 100
      ratio: 0.25
      enabled: false
      size: 3
      timeout: 1h30m
      since: "2024-01-01T00:00:00Z"
      level: warn
      priority: 2
      mode: slow
      target: {namespace: default, labels: {app: web}}
      optional: {namespace: kube-system}
      targets: [{namespace: a}, {namespace: b}]
      tags: [a, b]
      pair: [1, 2]
      data: aGVsbG8=
      settings: {anything: [1, "two"]}
      counts: {info: 1}
      raw: [1, 2]
      anything: null
      names: one
      phase: Running
      limits: {cpu: 100m}
      port: "8080"
      tagged: {inner: x}
      verbose: true
      visible: v
      extra_note: n
`},

	{name: "bad param type", want: "at '/customPlaybooks/0/actions/0/pod_bash_enricher/bash_command'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: 3}}]
`},
	{name: "unknown param", want: "at '/customPlaybooks/0/actions/0/pod_bash_enricher'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: ls, bash_comand: ls}}]
`},
	{name: "missing required param", want: "at '/customPlaybooks/0/actions/0/pod_bash_enricher'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {}}]
`},
	{name: "null params of an action with required params", want: "at '/customPlaybooks/0/actions/0/pod_bash_enricher'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: }]
`},
	{name: "enum violation", want: "at '/customPlaybooks/0/actions/0/everything/level'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{everything: {name: web, NoTag: x, forced: y, target: {namespace: a}, level: loud}}]
`},
	{name: "bad duration", want: "at '/customPlaybooks/0/actions/0/pod_bash_enricher/timeout'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: ls, timeout: 5 minutes}}]
`},
	{name: "bound violated in a nested object", want: "at '/customPlaybooks/0/actions/0/any_change/other/replicas'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{any_change: {other: {replicas: -1}}}]
`},
	{name: "unknown action", want: "at '/customPlaybooks/0/actions/0'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enrichr: {bash_command: ls}}]
`},
	{name: "unknown trigger", want: "at '/customPlaybooks/0/triggers/0'", yaml: `
customPlaybooks:
- triggers: [{on_pod_updat: {}}]
  actions: [{echo: {}}]
`},
	{name: "unknown trigger filter", want: "at '/customPlaybooks/0/triggers/0/on_pod_update'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {name_prefx: api}}]
  actions: [{echo: {}}]
`},
	{name: "action under a trigger it cannot take", want: compat("on_deployment_update"), yaml: `
customPlaybooks:
- triggers: [{on_deployment_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: ls}}]
`},
	{name: "schedule action under a pod trigger", want: compat("on_pod_update"), yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{tick: {}}]
`},
	{name: "mixed triggers one action cannot take", want: compat("on_deployment_update"), yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}, {on_deployment_update: {}}]
  actions: [{echo: {}}, {pod_bash_enricher: {bash_command: ls}}]
`},
	{name: "two actions with disjoint triggers", want: compat("on_pod_update"), yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{pod_bash_enricher: {bash_command: ls}}, {deployment_size: {replicas: 1}}]
`},
	{name: "incompatible in a named list", want: compat("on_node_update"), yaml: `
namedCustomPlaybooks:
  a: [{triggers: [{on_node_update: {}}], actions: [{everything: {name: a, NoTag: x, forced: y, target: {namespace: a}}}]}]
`},
	{name: "two keys in one trigger item", want: "at '/customPlaybooks/0/triggers/0'", yaml: `
customPlaybooks:
- triggers:
  - on_pod_update: {}
    on_pod_create: {}
  actions: [{echo: {}}]
`},
	{name: "two keys in one action item", want: "at '/customPlaybooks/0/actions/0'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions:
  - echo: {}
    tick: {}
`},
	{name: "empty trigger item", want: "at '/customPlaybooks/0/triggers/0'", yaml: `
customPlaybooks:
- triggers: [{}]
  actions: [{echo: {}}]
`},
	{name: "no triggers", want: "at '/customPlaybooks/0/triggers'", yaml: `
customPlaybooks:
- triggers: []
  actions: [{echo: {}}]
`},
	{name: "missing actions", want: "at '/customPlaybooks/0'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
`},
	{name: "unknown playbook key", want: "at '/customPlaybooks/0'", yaml: `
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{echo: {}}]
  stopp: true
`},
	{name: "unknown sink type", want: "at '/sinksConfig/0'", yaml: `
sinksConfig:
- slack_snk: {name: team}
`},
	{name: "sink without a name", want: "at '/sinksConfig/0/file_sink'", yaml: `
sinksConfig:
- file_sink: {file_name: /tmp/f}
`},
	{name: "unknown top-level key", want: "at ''", yaml: `
customPlaybook: []
`},
	{name: "cluster_name not a string", want: "at '/globalConfig/cluster_name'", yaml: `
globalConfig: {cluster_name: 3}
`},
}

// compat is the error of a trigger an action cannot take. It names the
// trigger, not the location: santhosh-tekuri/jsonschema v6.0.3 keeps the
// location of a propertyNames error without copying it, and a later sibling
// overwrites it (santhosh-tekuri/jsonschema#269, open), so Helm reports
// these at a wrong path such as .../actions/1.
func compat(trigger string) string { return "invalid propertyName '" + trigger + "'" }

func TestSamples(t *testing.T) {
	doc := mustSchema(t, bundle(t))
	for _, draft := range []struct {
		name string
		v    *santhosh.Schema
	}{{"draft-07", compile(t, doc, false)}, {"2020-12", compile(t, doc, true)}} {
		t.Run(draft.name, func(t *testing.T) {
			for _, s := range samples {
				t.Run(s.name, func(t *testing.T) {
					err := check(t, draft.v, s.name, s.ok, s.yaml)
					if err != nil && !strings.Contains(err.Error(), s.want) {
						t.Errorf("the error does not say %q:\n%v", s.want, err)
					}
				})
			}
		})
	}
}

// compile compiles the values schema as Helm would: as draft-07 (its
// $schema), or, with $schema removed, as 2020-12, the default of Helm
// 3.18.5 and later.
func compile(t *testing.T, doc []byte, draft2020 bool) *santhosh.Schema {
	t.Helper()
	if !draft2020 {
		s, err := rtschema.Compile("values.schema.json", doc)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	var v map[string]any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "$schema")
	c := santhosh.NewCompiler()
	c.DefaultDraft(santhosh.Draft2020)
	if err := c.AddResource("values.schema.json", v); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("values.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// check validates a YAML values file and reports a verdict other than
// wantOK; it returns the validation error.
func check(t *testing.T, v *santhosh.Schema, name string, wantOK bool, doc string) error {
	t.Helper()
	var y any
	if err := yaml.Unmarshal([]byte(doc), &y); err != nil {
		t.Fatalf("%s: bad YAML in the test: %v", name, err)
	}
	if y == nil {
		y = map[string]any{}
	}
	raw, err := json.Marshal(y)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := santhosh.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	err = v.Validate(inst)
	switch {
	case wantOK && err != nil:
		t.Errorf("%s: want valid, got:\n%v", name, err)
	case !wantOK && err == nil:
		t.Errorf("%s: want invalid, the schema accepts it", name)
	}
	return err
}

func sortedNames() []string { return slices.Sorted(slices.Values(trigger.Names())) }

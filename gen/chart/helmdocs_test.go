package chart_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/robusta-go/robusta/gen/chart"
)

func TestParseValues(t *testing.T) {
	const values = `# yaml-language-server: $schema=./values.schema.json

# A header paragraph: not a description.

# -- The name,
# continued here.
name: web

# A section title, not a description.
undocumented: 3

# -- (int) Set at install.
# @default -- the node count
size:

image:
  # -- The repository.
  repository: ghcr.io/x/y
  # -- A | pipe.
  tag: "1.0"

# -- Limits; its keys are covered by this description.
resources:
  limits:
    memory: 512Mi
  # -- Requests still have their own row.
  requests: {}

# @ignored
secret: hidden

# -- Lists are one row.
items:
- a
- b: 1

# -- A float.
ratio: 0.5
# -- A bool.
on: false
`
	got, err := chart.ParseValues([]byte(values))
	if err != nil {
		t.Fatal(err)
	}
	want := []chart.Value{
		{Key: "name", Type: "string", Default: `"web"`, Description: "The name, continued here."},
		{Key: "undocumented", Type: "int", Default: "3"},
		{Key: "size", Type: "int", Default: "the node count", DefaultIsText: true, Description: "Set at install."},
		{Key: "image.repository", Type: "string", Default: `"ghcr.io/x/y"`, Description: "The repository."},
		{Key: "image.tag", Type: "string", Default: `"1.0"`, Description: "A | pipe."},
		{Key: "resources", Type: "object", Default: `{"limits":{"memory":"512Mi"},"requests":{}}`, Description: "Limits; its keys are covered by this description."},
		{Key: "resources.requests", Type: "object", Default: "{}", Description: "Requests still have their own row."},
		{Key: "items", Type: "list", Default: `["a",{"b":1}]`, Description: "Lists are one row."},
		{Key: "ratio", Type: "float", Default: "0.5", Description: "A float."},
		{Key: "on", Type: "bool", Default: "false", Description: "A bool."},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(chart.Value{}, "Line")); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if got[0].Line != 7 {
		t.Errorf("name is on line %d, want 7", got[0].Line)
	}
}

func TestParseValuesErrors(t *testing.T) {
	for _, bad := range []string{"- a list\n", "a: [\n", "a: *nowhere\n"} {
		if _, err := chart.ParseValues([]byte(bad)); err == nil {
			t.Errorf("ParseValues(%q) = nil error", bad)
		}
	}
	if v, err := chart.ParseValues(nil); err != nil || v != nil {
		t.Errorf("ParseValues(empty) = %v, %v; want nothing", v, err)
	}
}

// TestChartValuesDocumented: every value of the chart's values.yaml has a
// description (helm-docs' strict mode), so the README table has no blank.
func TestChartValuesDocumented(t *testing.T) {
	vals, err := chart.ParseValues(fileData(t, goodBundle(t), "values.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) < 40 {
		t.Fatalf("only %d values parsed", len(vals))
	}
	for _, v := range vals {
		if v.Description == "" {
			t.Errorf("values.yaml:%d: %s has no # -- description", v.Line, v.Key)
		}
	}
}

func TestReadme(t *testing.T) {
	b := goodBundle(t)
	readme := string(fileData(t, b, "README.md"))
	for _, want := range []string{
		"# robusta-runner\n",
		"The robusta-go runner with the playbooks of example.com/goodpb.",
		"helm install robusta-runner ./robusta-runner",
		"| `image.repository` | string | `\"ghcr.io/robusta-go/robusta-runner\"` | The runner image: one built with robusta-gen build from the same playbooks as this chart. |",
		"| `replicas` | int | `1` | Pods of the runner.",
		"| `runner.secretEnv` | list | `[]` | Environment variables from existing Secrets, for `{{ env.NAME }}`",
		"| [pod_oom_killer](ACTIONS.md#pod_oom_killer) | `*api.PodChangeEvent` | PodOOMKiller handles a pod that was OOM-killed. |",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
	for _, a := range b.Actions {
		if !strings.Contains(readme, "(ACTIONS.md#"+a.Name+")") {
			t.Errorf("README.md does not list action %s", a.Name)
		}
	}
}

// TestReadmeListsWriteActions: the stock chart's README lists the actions
// that change the cluster with their write rules, and ACTIONS.md marks
// them; a read-only action is in neither.
func TestReadmeListsWriteActions(t *testing.T) {
	b := stockBundle(t)
	readme := string(fileData(t, b, "README.md"))
	for _, want := range []string{
		"### Write actions\n",
		"- [drain](ACTIONS.md#drain): `nodes` patch; `pods/eviction` create\n",
		"- [delete_pod](ACTIONS.md#delete_pod): `pods` delete\n",
		"- [rollout_restart](ACTIONS.md#rollout_restart): `apps` `daemonsets` patch; `apps` `deployments` patch; `apps` `statefulsets` patch\n",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
	if strings.Contains(readme, "- [node_status_enricher](ACTIONS.md#node_status_enricher)") {
		t.Error("README.md lists node_status_enricher, which only reads, as a write action")
	}
	actions := string(fileData(t, b, "ACTIONS.md"))
	for _, want := range []string{
		"| [drain](#drain) (writes) |",
		"- **Write action:** it changes the cluster (`nodes` patch; `pods/eviction` create); configuring it adds these verbs to the chart's ClusterRole.\n",
	} {
		if !strings.Contains(actions, want) {
			t.Errorf("ACTIONS.md lacks %q", want)
		}
	}
	if strings.Contains(actions, "[node_status_enricher](#node_status_enricher) (writes)") {
		t.Error("ACTIONS.md marks node_status_enricher as writing")
	}
}

package playbooks_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// template_enricher on an alert: the subject's name and kind, the alert's
// labels and annotations; unknown variables are <missing>.
func TestTemplateEnricherOnAlert(t *testing.T) {
	pod := apitest.Object(t, podYAML)
	ev := apitest.Alert(t, apitest.NewCluster(pod), api.Alert{
		Labels:      map[string]string{"alertname": "KubePodNotReady", "namespace": "prod", "pod": "api-0", "team": "core"},
		Annotations: map[string]string{"runbook": "https://runbooks/x"},
	})
	res := apitest.Run(t, playbooks.Actions, "template_enricher",
		`{template: "<https://ui/?ns=${namespace}&kind=${kind}&name=${name}|open> $team $runbook ${labels.app} $nope"}`, ev, nil)
	want := []api.Block{api.MarkdownBlock("<https://ui/?ns=prod&kind=pod&name=api-0|open> core https://runbooks/x api <missing>")}
	if diff := cmp.Diff(want, res.Blocks()); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
}

// On a change event only the subject's variables exist.
func TestTemplateEnricherOnChange(t *testing.T) {
	_, ev := podUpdate(t)
	res := apitest.Run(t, playbooks.Actions, "template_enricher", `{template: "$kind $namespace/$name on $node, $summary"}`, ev, nil)
	if got := res.Blocks(); len(got) != 1 || got[0] != api.MarkdownBlock("pod prod/api-0 on node-1, <missing>") {
		t.Errorf("template_enricher:\n%s", res)
	}
}

// customise_finding changes the findings earlier actions made, with
// templates over the subject.
func TestCustomiseFinding(t *testing.T) {
	_, ev := podUpdate(t)
	apitest.Run(t, playbooks.Actions, "create_finding", `{title: "first", aggregation_key: K}`, ev, nil)
	res := apitest.Run(t, playbooks.Actions, "customise_finding",
		`{title: "$kind $name is in trouble", description: "in $namespace", severity: DEBUG, aggregation_key: "Custom-$kind"}`, ev, nil)
	f := res.Finding(t)
	if f.Title != "pod api-0 is in trouble" || f.Description != "in prod" || f.Severity != api.SeverityDebug || f.AggregationKey != "Custom-pod" {
		t.Errorf("customise_finding:\n%s", res)
	}
}

// With no finding yet it makes none: Robusta's IngressChangeTracking runs
// it after resource_babysitter, which may have found nothing to report.
func TestCustomiseFindingWithoutFinding(t *testing.T) {
	_, ev := podUpdate(t)
	res := apitest.Run(t, playbooks.Actions, "customise_finding", `{aggregation_key: IngressChange}`, ev, nil)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("customise_finding without a finding:\n%s", res)
	}
}

// finding_label_rules: full-match regexes over joined fields, $n groups,
// later rules overriding earlier ones; the labels shown in a table.
func TestCustomiseFindingLabelRules(t *testing.T) {
	_, ev := podUpdate(t)
	apitest.Run(t, playbooks.Actions, "echo", `{message: hi}`, ev, nil)
	res := apitest.Run(t, playbooks.Actions, "customise_finding", `
finding_label_rules:
- {source_fields: [namespace], regex: "pro.*|kube-system", target_label: team, replacement: infra}
- {source_fields: [namespace, labels.app], regex: "(\\w+);(\\w+)", target_label: owner, replacement: "$2@$1"}
- {source_fields: [name], regex: "api", target_label: team, replacement: never}
- {source_fields: [namespace], regex: "prod", target_label: team, replacement: prod-team}
`, ev, nil)
	f := res.Finding(t)
	if f.Subject.Labels["team"] != "prod-team" || f.Subject.Labels["owner"] != "api@prod" || f.Subject.Labels["app"] != "api" {
		t.Errorf("labels = %v", f.Subject.Labels)
	}
	last := f.Enrichments[len(f.Enrichments)-1]
	want := [][]string{{"owner", "api@prod"}, {"team", "prod-team"}}
	if last.Title != "labels" || !cmp.Equal(last.Blocks[0].(api.Table).Rows, want) {
		t.Errorf("labels enrichment:\n%s", res)
	}
}

// A bad regex or severity is an error naming it; the other rules apply.
func TestCustomiseFindingBadInput(t *testing.T) {
	_, ev := podUpdate(t)
	apitest.Run(t, playbooks.Actions, "echo", `{message: hi}`, ev, nil)
	res := apitest.Run(t, playbooks.Actions, "customise_finding", `
finding_label_rules:
- {source_fields: [name], regex: "(", target_label: broken, replacement: x}
- {source_fields: [name], regex: "api-0", target_label: ok, replacement: "yes"}
`, ev, nil)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "finding_label_rules[0] (target_label broken)") {
		t.Errorf("error = %v, want the rule named", res.Err)
	}
	if f := res.Finding(t); f.Subject.Labels["ok"] != "yes" {
		t.Errorf("the good rule did not apply: %v", f.Subject.Labels)
	}
}

package lsptest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/robusta-go/robusta/gen/internal/tooltest"
	"github.com/robusta-go/robusta/runtime/config"
)

// LSP CompletionItemKind values yaml-language-server uses: object keys are
// Property, enum members are Value.
const (
	kindProperty = 10
	kindValue    = 12
)

// TestValuesCompletion asks yaml-language-server for completions at the
// places a user edits a values.yaml, against each generated schema, and
// checks the answers against the schema file itself.
func TestValuesCompletion(t *testing.T) {
	server := tooltest.Path(t, "yaml-language-server")
	for _, schema := range schemaPaths(t) {
		t.Run(schema.name, func(t *testing.T) {
			s := loadSchema(t, schema.path)
			playbook := []string{"properties", "customPlaybooks", "items"}
			triggers := append(slices.Clone(playbook), "properties", "triggers", "items")
			actions := append(slices.Clone(playbook), "properties", "actions", "items")
			allTriggers := s.keys(t, triggers...)
			allActions := s.keys(t, actions...)
			podOnly := s.triggersAccepted(t, "pod_bash_enricher")

			cases := []struct {
				name string
				body string
				kind int
				// want is the exact set of labels of that kind; include
				// lists names that must be among them (for subset checks
				// and as a guard against an empty schema).
				want    []string
				include []string
				// exclude lists names that must not be offered.
				exclude []string
			}{{
				name:    "trigger names",
				body:    "customPlaybooks:\n- triggers:\n  - <|>\n  actions:\n  - echo:\n      message: hi\n",
				kind:    kindProperty,
				want:    allTriggers,
				include: []string{"on_pod_update", "on_deployment_create", "on_prometheus_alert", "on_schedule"},
			}, {
				// pod_bash_enricher switches on an if/then rule that limits
				// the triggers' propertyNames; completion must still offer
				// every trigger the rule allows (2.0 offers all of them: it
				// does not narrow completions by propertyNames).
				name:    "trigger names beside a pod-only action",
				body:    "customPlaybooks:\n- triggers:\n  - <|>\n  actions:\n  - pod_bash_enricher:\n      bash_command: ls\n",
				kind:    kindProperty,
				include: podOnly,
			}, {
				name:    "action names",
				body:    "customPlaybooks:\n- triggers:\n  - on_pod_update: {}\n  actions:\n  - <|>\n",
				kind:    kindProperty,
				want:    allActions,
				include: []string{"pod_bash_enricher", "logs_enricher", "echo"},
			}, {
				// A second action after one that matches an if/then rule:
				// the rule's `if` now holds, and the action list must stay
				// complete (Contract 2's claim for yaml-language-server 2.0).
				name:    "action names after an action with a trigger rule",
				body:    "customPlaybooks:\n- triggers:\n  - on_pod_update: {}\n  actions:\n  - logs_enricher: {}\n  - <|>\n",
				kind:    kindProperty,
				want:    allActions,
				include: []string{"pod_bash_enricher", "logs_enricher", "echo"},
			}, {
				name:    "pod_bash_enricher params",
				body:    "customPlaybooks:\n- triggers:\n  - on_pod_update: {}\n  actions:\n  - pod_bash_enricher:\n      <|>\n",
				kind:    kindProperty,
				want:    s.keys(t, append(slices.Clone(actions), "properties", "pod_bash_enricher")...),
				include: []string{"bash_command"},
			}, {
				name:    "logs_enricher params",
				body:    "customPlaybooks:\n- triggers:\n  - on_pod_update: {}\n  actions:\n  - logs_enricher:\n      <|>\n",
				kind:    kindProperty,
				want:    s.keys(t, append(slices.Clone(actions), "properties", "logs_enricher")...),
				include: []string{"tail_lines", "previous"},
			}, {
				name: "action param enum (create_finding severity)",
				body: "customPlaybooks:\n- triggers:\n  - on_pod_update: {}\n  actions:\n  - create_finding:\n      title: x\n      severity: <|>\n",
				kind: kindValue,
				want: s.enum(t, append(slices.Clone(actions), "properties", "create_finding", "properties", "severity")...),
			}, {
				name: "trigger filter enum (on_prometheus_alert status)",
				body: "customPlaybooks:\n- triggers:\n  - on_prometheus_alert:\n      status: <|>\n  actions:\n  - echo:\n      message: hi\n",
				kind: kindValue,
				want: s.enum(t, append(slices.Clone(triggers), "properties", "on_prometheus_alert", "properties", "status")...),
			}, {
				// Robusta's ignored keys validate but are not offered
				// (doNotSuggest): completing them would promise a feature.
				name:    "top-level keys",
				body:    "globalConfig: {}\n<|>\n",
				kind:    kindProperty,
				include: []string{"sinksConfig", "customPlaybooks"},
				exclude: config.RobustaKeys,
			}, {
				name:    "sink types",
				body:    "sinksConfig:\n- <|>\n",
				kind:    kindProperty,
				want:    s.keys(t, "properties", "sinksConfig", "items"),
				include: []string{"slack_sink", "webhook_sink", "file_sink", "stdout_sink"},
			}}

			dir := t.TempDir()
			c := Start(t, server, dir)
			for i, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
					defer cancel()
					uri, pos := openAt(t, c, dir, docName("complete", i), schema.path, tc.body)
					items, err := c.Completion(ctx, uri, pos.Line, pos.Character)
					if err != nil {
						t.Fatal(err)
					}
					got := sortedLabels(ofKind(items, tc.kind))
					if tc.want != nil && !slices.Equal(got, tc.want) {
						t.Errorf("completion at %d:%d offered\n  %v\nwant exactly (from the schema)\n  %v\nall items: %v",
							pos.Line+1, pos.Character+1, got, tc.want, Labels(items))
					}
					for _, name := range tc.include {
						if !slices.Contains(got, name) {
							t.Errorf("completion at %d:%d does not offer %q; got %v", pos.Line+1, pos.Character+1, name, got)
						}
					}
					for _, name := range tc.exclude {
						if slices.Contains(got, name) {
							t.Errorf("completion at %d:%d offers %q; got %v", pos.Line+1, pos.Character+1, name, got)
						}
					}
				})
			}
		})
	}
}

// ofKind keeps the items of one CompletionItemKind: yaml-language-server
// also offers whole-object snippets next to the keys, which are not names.
func ofKind(items []Item, kind int) []Item {
	var out []Item
	for _, it := range items {
		if it.Kind == kind {
			out = append(out, it)
		}
	}
	return out
}

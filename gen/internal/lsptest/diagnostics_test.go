package lsptest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/gen/internal/tooltest"
)

// validValues exercises every part of the schema a user touches: sinks,
// global config, trigger filters, several actions with params, an enum, a
// schedule, and the playbook's optional keys. It must validate clean.
const validValues = `globalConfig:
  cluster_name: prod-eu
sinksConfig:
- file_sink:
    name: main
    file_name: /var/log/findings.jsonl
- slack_sink:
    name: team
    slack_channel: alerts
    api_key: "{{ env.SLACK_API_KEY }}"
customPlaybooks:
- triggers:
  - on_pod_update:
      name_prefix: api-
  actions:
  - pod_bash_enricher:
      bash_command: "ls -al /"
  - logs_enricher:
      tail_lines: 100
  sinks: [team]
  stop: false
  name: ApiPodCheck
- triggers:
  - on_prometheus_alert:
      status: resolved
  actions:
  - create_finding:
      title: "{{ alert_name }} resolved"
      severity: INFO
- triggers:
  - on_schedule:
      fixed_delay_repeat:
        repeat: 3
        seconds_delay: 60
  actions:
  - echo:
      message: tick
`

// TestValuesDiagnostics checks that yaml-language-server reports mistakes
// on the line they are on, and nothing on a valid file.
func TestValuesDiagnostics(t *testing.T) {
	server := tooltest.Path(t, "yaml-language-server")
	for _, schema := range schemaPaths(t) {
		t.Run(schema.name, func(t *testing.T) {
			dir := t.TempDir()
			c := Start(t, server, dir)

			// Each body marks the start of the mistake; the server must
			// report it on that line and nowhere else, with a message
			// naming what is wrong.
			bad := []struct {
				name, body, mention string
			}{{
				name:    "unknown action",
				body:    "customPlaybooks:\n- triggers:\n  - on_pod_update: {}\n  actions:\n  - <|>pod_bash_enrichr:\n      bash_command: ls\n",
				mention: "pod_bash_enrichr",
			}, {
				name:    "param of the wrong type",
				body:    "customPlaybooks:\n- triggers:\n  - on_pod_update: {}\n  actions:\n  - logs_enricher:\n      tail_lines: <|>many\n",
				mention: "integer",
			}, {
				// The if/then rule of Contract 2: logs_enricher needs a pod.
				name:    "action that cannot take the trigger",
				body:    "customPlaybooks:\n- triggers:\n  - <|>on_deployment_update: {}\n  actions:\n  - logs_enricher:\n      tail_lines: 10\n",
				mention: "on_pod_update",
			}}
			for i, tc := range bad {
				t.Run(tc.name, func(t *testing.T) {
					ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
					defer cancel()
					uri, pos := openAt(t, c, dir, docName("bad", i), schema.path, tc.body)
					diags, err := c.Diagnostics(ctx, uri, nonEmpty)
					if err != nil {
						t.Fatal(err)
					}
					found := false
					for _, d := range diags {
						if d.Range.Start.Line != pos.Line {
							t.Errorf("diagnostic on line %d, want only line %d: %v", d.Range.Start.Line+1, pos.Line+1, d)
						}
						found = found || strings.Contains(d.Message, tc.mention)
					}
					if !found {
						t.Errorf("no diagnostic mentions %q; got %v", tc.mention, diags)
					}
				})
			}

			t.Run("valid file", func(t *testing.T) {
				ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
				defer cancel()
				uri, text := document(t, dir, "valid.values.yaml", schema.path, validValues)
				if err := c.Open(uri, text); err != nil {
					t.Fatal(err)
				}
				if d, err := c.Diagnostics(ctx, uri, isEmpty); err != nil {
					t.Fatalf("want no diagnostics: %v (got %v)", err, d)
				}
			})

			// An empty set could also mean "validated before the schema
			// loaded"; a file that first shows a mistake and then clears
			// when fixed proves the schema was in play when it came back
			// clean.
			t.Run("fixing a file clears its diagnostics", func(t *testing.T) {
				ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
				defer cancel()
				broken := strings.Replace(validValues, "tail_lines: 100", "tail_lines: <|>lots", 1)
				uri, pos := openAt(t, c, dir, "fixed.values.yaml", schema.path, broken)
				diags, err := c.Diagnostics(ctx, uri, nonEmpty)
				if err != nil {
					t.Fatalf("the broken version: %v", err)
				}
				if diags[0].Range.Start.Line != pos.Line {
					t.Errorf("the broken version: diagnostic %v, want it on line %d", diags[0], pos.Line+1)
				}
				abs, err := filepath.Abs(schema.path)
				if err != nil {
					t.Fatal(err)
				}
				if err := c.Change(uri, "# yaml-language-server: $schema="+abs+"\n"+validValues); err != nil {
					t.Fatal(err)
				}
				if d, err := c.Diagnostics(ctx, uri, isEmpty); err != nil {
					t.Fatalf("after the fix: %v (got %v)", err, d)
				}
			})
		})
	}
}

func nonEmpty(d []Diagnostic) bool { return len(d) > 0 }
func isEmpty(d []Diagnostic) bool  { return len(d) == 0 }

package playbooks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/registry"
)

// alertDefaults are the playbooks of Robusta's values (internal/conformance)
// that take alerts, from priorityBuiltinPlaybooks and builtinPlaybooks,
// unchanged but for their sinks, less those naming an action the built-in
// bundle does not have yet: each of those is logged with the action.
func alertDefaults(t *testing.T) map[string]any {
	t.Helper()
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for _, list := range []string{"priorityBuiltinPlaybooks", "builtinPlaybooks"} {
		var kept []any
		for _, pb := range values[list].([]any) {
			m := pb.(map[string]any)
			if !usesAlerts(m) {
				continue
			}
			if missing := missingActions(m, set); len(missing) > 0 {
				t.Logf("playbook %s skipped: actions %v are not built in yet", m["name"], missing)
				continue
			}
			delete(m, "sinks")
			kept = append(kept, m)
		}
		out[list] = kept
	}
	return out
}

func missingActions(pb map[string]any, set *registry.Set) []string {
	var missing []string
	for _, a := range pb["actions"].([]any) {
		for name := range a.(map[string]any) {
			if _, ok := set.Lookup(name); !ok {
				missing = append(missing, name)
			}
		}
	}
	return missing
}

// webhookAlert is one alert of an Alertmanager webhook message.
type webhookAlert struct {
	Status      string            `json:"status"`
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
	StartsAt    time.Time         `json:"startsAt"`
	EndsAt      time.Time         `json:"endsAt"`
	Generator   string            `json:"generatorURL"`
	Fingerprint string            `json:"fingerprint"`
}

// firing is a firing alert as kube-prometheus' rules send it through
// Alertmanager: the labels given (alertname among them), the summary and
// description, a generatorURL with the expression.
func firing(labels map[string]string, summary, description string) webhookAlert {
	return webhookAlert{
		Status: "firing", Labels: labels,
		Annotations: map[string]string{"summary": summary, "description": description,
			"runbook_url": "https://runbooks.prometheus-operator.dev/runbooks/" + labels["alertname"]},
		StartsAt:    time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Generator:   "http://prometheus:9090/graph?g0.expr=up&g0.tab=1",
		Fingerprint: fmt.Sprintf("%x", labels["alertname"]+labels["pod"]+labels["node"]+labels["job_name"]),
	}
}

// resolved is a resolved an hour after it started.
func resolved(a webhookAlert) webhookAlert {
	a.Status, a.EndsAt = "resolved", a.StartsAt.Add(time.Hour)
	return a
}

// postAlerts posts one webhook message holding alerts to the runner's API
// at addr and requires 200.
func postAlerts(t *testing.T, addr string, alerts ...webhookAlert) {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"version": "4", "status": "firing", "receiver": "robusta", "groupKey": "{}:{}",
		"externalURL": "http://alertmanager:9093", "alerts": alerts,
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post("http://"+addr+"/api/alerts", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/alerts: %d %s", resp.StatusCode, answer)
	}
}

// enrichmentText is every enrichment title and block of f (file contents
// left out), one per line, for substring checks.
func enrichmentText(f sunk) string {
	var b strings.Builder
	for _, e := range f.Enrichments {
		b.WriteString(e.Title + "\n")
		for _, bl := range e.Blocks {
			for k, v := range bl {
				if k != "contents" && k != "type" {
					fmt.Fprintf(&b, "%v\n", v)
				}
			}
		}
	}
	return b.String()
}

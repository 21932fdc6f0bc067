package playbooks_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/registry"
)

// robustaPriorityPlaybooks returns Robusta's priorityBuiltinPlaybooks (the
// silencers) as written in its values. k8s_providers is left out of their
// triggers: it belongs to the trigger, tested with it; here the silencers'
// params are checked exactly as Robusta's defaults give them.
func robustaPriorityPlaybooks(t *testing.T) []any {
	t.Helper()
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	pbs, _ := values["priorityBuiltinPlaybooks"].([]any)
	if len(pbs) == 0 {
		t.Fatalf("%s has no priorityBuiltinPlaybooks", conformance.HelmValuesFile)
	}
	for _, pb := range pbs {
		for _, tr := range pb.(map[string]any)["triggers"].([]any) {
			for _, params := range tr.(map[string]any) {
				if m, ok := params.(map[string]any); ok {
					delete(m, "k8s_providers")
				}
			}
		}
	}
	return pbs
}

// A silenced alert reaches no sink: Robusta's silencers run first and stop
// the event before the enricher after them adds anything, so there is no
// finding to route. An alert they do not silence reaches the sink.
func TestSilencedAlertReachesNoSink(t *testing.T) {
	out := filepath.Join(t.TempDir(), "findings.jsonl")
	pbs := robustaPriorityPlaybooks(t)
	doc, err := yaml.Marshal(map[string]any{
		"sinksConfig":              []any{map[string]any{"file_sink": map[string]any{"name": "out", "file_name": out}}},
		"priorityBuiltinPlaybooks": pbs,
		"customPlaybooks": []any{map[string]any{
			"triggers": []any{map[string]any{"on_prometheus_alert": map[string]any{"status": "all"}}},
			"actions":  []any{map[string]any{"echo": map[string]any{"message": "enriched"}}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load("values.yaml", doc, set)
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := e.NewDispatcher(context.Background())
	for _, name := range []string{"Watchdog", "KubeSchedulerDown", "InfoInhibitor", "KubePodCrashLooping"} {
		d.Alert(context.Background(), &api.PrometheusAlertEvent{Alert: api.Alert{Name: name, Status: "firing", Labels: map[string]string{"alertname": name}}})
	}
	d.Close()
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	if len(lines) != 1 || !bytes.Contains(lines[0], []byte(`"title":"KubePodCrashLooping"`)) {
		t.Errorf("the sink got %d findings, want only KubePodCrashLooping's:\n%s", len(lines), data)
	}
}

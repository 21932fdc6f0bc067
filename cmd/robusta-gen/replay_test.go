package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/record"
)

// TestReplayCommand builds the built-in bundle's runner and replays a
// recorded deployment change through it: the babysitter's finding comes
// out in file_sink's format.
func TestReplayCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a runner")
	}
	dir := t.TempDir()
	red := record.NewRedactor()
	dep := func(tier string) []byte {
		d := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "api", ResourceVersion: tier, Labels: map[string]string{"tier": tier}}}
		raw, err := red.EncodeObject(d)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	line, err := json.Marshal(record.Record{V: record.Version, Type: record.TypeChange, Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Change: &record.Change{Kind: "Deployment", Operation: api.OperationUpdate, Obj: dep("web"), Old: dep("db")}})
	if err != nil {
		t.Fatal(err)
	}
	events, values := filepath.Join(dir, "rec.jsonl"), filepath.Join(dir, "values.yaml")
	if err := os.WriteFile(events, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := `sinksConfig:
- file_sink: {name: main, file_name: ` + filepath.Join(dir, "never-written.jsonl") + `}
customPlaybooks:
- name: DeploymentChanged
  triggers: [{on_deployment_update: {}}]
  actions: [{resource_babysitter: {}}]
`
	if err := os.WriteFile(values, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := replayCmd()
	var out, stderr bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&stderr)
	cmd.SetArgs([]string{"--events", events, "--values", values, "--json", "-C", "../..", "./playbooks/..."})
	if err := cmd.ExecuteContext(t.Context()); err != nil {
		t.Fatalf("replay: %v\n%s", err, stderr.String())
	}
	// What the babysitter writes is its own tests' business; here: one
	// finding of the playbook, the diff of the recorded change in it.
	var f struct {
		Playbook string         `json:"playbook"`
		Subject  map[string]any `json:"subject"`
	}
	if err := json.Unmarshal(out.Bytes(), &f); err != nil {
		t.Fatalf("output %q: %v", out.String(), err)
	}
	if f.Playbook != "DeploymentChanged" || f.Subject["name"] != "api" || !strings.Contains(out.String(), `"path":"metadata.labels['tier']","old":"\"db\"","new":"\"web\""`) {
		t.Errorf("finding:\n%s", out.String())
	}
	if !strings.Contains(stderr.String(), "replayed 1 inputs: 1 findings delivered") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "never-written.jsonl")); !os.IsNotExist(err) {
		t.Errorf("the replay opened the file sink: %v", err)
	}
}

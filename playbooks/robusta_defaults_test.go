package playbooks_test

import (
	"bytes"
	"log/slog"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

// TestRobustaValuesLoad: Robusta's own chart values, unchanged but for two
// lines that keep their line numbers (the platform playbooks switched on,
// and the robusta_ui_sink they name defined as a stdout sink), load with
// the built-in bundle's real actions: every one of its playbooks.
func TestRobustaValuesLoad(t *testing.T) {
	data := conformance.HelmValues
	for _, r := range [][2]string{
		{"\nsinksConfig: []\n", "\nsinksConfig: [{stdout_sink: {name: robusta_ui_sink}}]\n"},
		{"\nenablePlatformPlaybooks: false\n", "\nenablePlatformPlaybooks: true\n"},
	} {
		if !bytes.Contains(data, []byte(r[0])) {
			t.Fatalf("%s has no line %q", conformance.HelmValuesFile, r[0])
		}
		data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	// The warnings about Robusta's chart keys that mean nothing here are
	// runtime/config's to test.
	cfg, err := config.Load(conformance.HelmValuesFile, data, set, config.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatalf("Robusta's values:\n%v", err)
	}

	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, list := range []string{"priorityBuiltinPlaybooks", "builtinPlaybooks", "platformPlaybooks"} {
		for _, pb := range values[list].([]any) {
			name, _ := pb.(map[string]any)["name"].(string)
			want = append(want, name)
		}
	}
	var got []string
	for _, pb := range cfg.Playbooks {
		got = append(got, pb.Name)
	}
	for _, name := range want {
		if !slices.Contains(got, name) {
			t.Errorf("playbook %s did not load", name)
		}
	}
	if len(want) != 42 || len(got) != len(want) {
		t.Errorf("loaded %d of Robusta's %d playbooks, want 42 of 42", len(got), len(want))
	}
}

package config

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
)

// warnings loads doc and returns the warnings it logged, one per line.
func warnings(t *testing.T, doc string) []string {
	t.Helper()
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	if _, err := Load("values.yaml", []byte(doc), testActions(t), WithLogger(l)); err != nil {
		t.Fatalf("Load:\n%v\n%s", err, doc)
	}
	out := strings.TrimSpace(buf.String())
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

func TestRobustaKeysWarnOnce(t *testing.T) {
	got := warnings(t, `
lightActions: [related_pods]
enableHolmesGPT: false
playbookRepos: {}
kubewatch:
  resources: {pod: true}
playbooksPersistentVolumeStorageClass: ""
`)
	want := []string{
		`level=WARN msg="lightActions is a key of Robusta's chart and is ignored: the actions a manual run may use are those of the loaded playbooks and --trigger-allow-actions" position=values.yaml:2:1`,
		`level=WARN msg="kubewatch is a key of Robusta's chart and is ignored: the runner watches the API server itself; there is no kubewatch" position=values.yaml:5:1`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A key Robusta's chart does not have is still an error: accepting
// Robusta's keys does not turn typos into warnings.
func TestUnknownKeyStillAnError(t *testing.T) {
	_, err := Load("values.yaml", []byte("kubeWatch: {}\n"), testActions(t))
	if err == nil || !strings.Contains(err.Error(), `values.yaml:1:1: unknown key "kubeWatch"`) {
		t.Errorf("Load = %v, want the unknown key reported", err)
	}
}

// Every top-level key of Robusta's own values loads: the chart's and the
// ignored ones, with Robusta's values. The runner's keys are left out:
// their contents are tested with the features they configure.
func TestRobustaTopLevelKeysLoad(t *testing.T) {
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	for k := range values {
		if slices.Contains(runnerKeys, k) || k == "alertRelabel" {
			delete(values, k)
		}
	}
	doc, err := yaml.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	got := warnings(t, string(doc))
	for _, k := range RobustaKeys {
		if RobustaKeyReasons[k] == "" {
			t.Errorf("RobustaKeys has %s without a reason", k)
		}
		if v, set := values[k]; set && !asksNothingValue(v) && !slices.ContainsFunc(got, func(w string) bool { return strings.Contains(w, `msg="`+k+" is a key") }) {
			t.Errorf("no warning for %s: %v", k, v)
		}
	}
	if len(got) == 0 {
		t.Error("Robusta's values set keys that mean nothing here, yet no warning")
	}
}

func asksNothingValue(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case string:
		return v == ""
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return false
}

// docs/robusta-keys.md lists every ignored key, so that the page and the
// loader cannot drift apart.
func TestRobustaKeysDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "robusta-keys.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range RobustaKeys {
		if !bytes.Contains(doc, []byte("`"+k+"`")) {
			t.Errorf("docs/robusta-keys.md does not list %s", k)
		}
	}
}

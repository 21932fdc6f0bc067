package chart_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/gen/chart"
	"github.com/robusta-go/robusta/internal/conformance"
)

// playbookLists are the two lists the chart fills with Robusta's defaults.
type playbookLists struct {
	Builtin  []map[string]any `yaml:"builtinPlaybooks"`
	Platform []map[string]any `yaml:"platformPlaybooks"`
}

// notHere are Robusta's default playbooks, without Prometheus, that the
// chart does not ship, and why.
var notHere = map[string]string{
	"KrrJobFailed":             "fail_krr_scan reports KRR scans to the Robusta UI",
	"WeeklyKRRScan":            "krr_scan needs Prometheus and the Robusta UI",
	"RobustaMaintenance":       "cleanup_robusta_pods cleans up after the Robusta UI's jobs",
	"IngressChangeTracking":    "customise_finding is not built here",
	"EventBasedChangeTracking": "resource_events_diff feeds the Robusta UI's timeline",
}

// TestDefaultsAreRobustas: the chart's default playbooks are Robusta's
// (its values.yaml, as internal/conformance holds it), each as Robusta
// has it but for the sinks (robusta_ui_sink), every one that needs no
// Prometheus, in Robusta's order, but those notHere gives a reason for.
func TestDefaultsAreRobustas(t *testing.T) {
	var robusta, ours playbookLists
	if err := yaml.Unmarshal(conformance.HelmValues, &robusta); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("defaults.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &ours); err != nil {
		t.Fatal(err)
	}
	want := func(list []map[string]any) []map[string]any {
		var out []map[string]any
		for _, pb := range list {
			if notHere[pb["name"].(string)] != "" || usesPrometheus(pb) {
				continue
			}
			if s, _ := pb["sinks"].([]any); slices.Equal(s, []any{"robusta_ui_sink"}) {
				delete(pb, "sinks")
			}
			out = append(out, pb)
		}
		return out
	}
	if d := cmp.Diff(want(robusta.Builtin), ours.Builtin); d != "" {
		t.Errorf("builtinPlaybooks (-Robusta's +defaults.yaml):\n%s", d)
	}
	if d := cmp.Diff(want(robusta.Platform), ours.Platform); d != "" {
		t.Errorf("platformPlaybooks (-Robusta's +defaults.yaml):\n%s", d)
	}
}

func usesPrometheus(pb map[string]any) bool {
	for _, tr := range pb["triggers"].([]any) {
		if _, ok := tr.(map[string]any)["on_prometheus_alert"]; ok {
			return true
		}
	}
	return false
}

// TestDefaultPlaybooksOfBundle: the stock chart defaults to all of them;
// a bundle without the built-in actions (testdata/good, --no-builtins)
// to none, as its runner could not load them, even where it has an action
// of the same name (its own resource_babysitter) that may take other
// params.
func TestDefaultPlaybooksOfBundle(t *testing.T) {
	names := func(list []map[string]any) []string {
		var out []string
		for _, pb := range list {
			out = append(out, pb["name"].(string))
		}
		return out
	}
	var stock, good playbookLists
	if err := yaml.Unmarshal(fileData(t, stockBundle(t), "values.yaml"), &stock); err != nil {
		t.Fatal(err)
	}
	if got, want := names(stock.Builtin), []string{"CrashLoopBackOff", "ImagePullBackOff", "PodEvicted", "PodOOMKill"}; !slices.Equal(got, want) {
		t.Errorf("stock builtinPlaybooks = %v, want %v", got, want)
	}
	if got, want := names(stock.Platform), []string{"PodEvictionReport", "K8sWarningEventsReport", "K8sChangeTracking", "K8sJobFailure"}; !slices.Equal(got, want) {
		t.Errorf("stock platformPlaybooks = %v, want %v", got, want)
	}
	vals, err := chart.ParseValues(fileData(t, stockBundle(t), "values.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if v.Key == "builtinPlaybooks" && (!v.DefaultIsText || !strings.Contains(v.Default, "CrashLoopBackOff, ImagePullBackOff")) {
			t.Errorf("README default of builtinPlaybooks = %q, want the playbooks' names", v.Default)
		}
	}

	if err := yaml.Unmarshal(fileData(t, goodBundle(t), "values.yaml"), &good); err != nil {
		t.Fatal(err)
	}
	if good.Builtin == nil || len(good.Builtin) != 0 || good.Platform == nil || len(good.Platform) != 0 {
		t.Errorf("testdata/good's lists = %v and %v, want both []", good.Builtin, good.Platform)
	}
}

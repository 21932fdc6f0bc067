package playbooks_test

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Robusta's default pod playbooks, as its chart values have them, load
// with the built-in bundle, and their actions, bound to those params,
// give Robusta's findings. (The triggers' firing is runtime/runner's
// end-to-end tests.)
func TestRobustaDefaultPodPlaybooks(t *testing.T) {
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	byName := map[string]any{}
	for _, pb := range values["builtinPlaybooks"].([]any) {
		if name, _ := pb.(map[string]any)["name"].(string); name != "" {
			byName[name] = pb
		}
	}
	node := apitest.Object(t, node1)
	for _, tc := range []struct {
		name, pod, title string
		stop             bool
	}{
		{"CrashLoopBackOff", crashingPod, "Crashing pod api-0 in namespace prod", false},
		{"ImagePullBackOff", pullingPod, "Failed to pull at least one image in pod api-0 in namespace prod", false},
		{"PodEvicted", evictedPod, "Pod api-0 in namespace prod was Evicted", false},
		{"PodOOMKill", oomPod, "Pod api-0 in namespace prod OOMKilled results", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pb, ok := byName[tc.name]
			if !ok {
				t.Fatalf("%s has no playbook %s", conformance.HelmValuesFile, tc.name)
			}
			doc, err := yaml.Marshal(map[string]any{"customPlaybooks": []any{pb}})
			if err != nil {
				t.Fatal(err)
			}
			set, err := registry.NewSet(playbooks.Actions)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load("robusta-defaults.yaml", doc, set)
			if err != nil {
				t.Fatalf("loading %s:\n%v\n%s", tc.name, err, doc)
			}
			loaded := cfg.Playbooks[0]
			if loaded.Stop != tc.stop {
				t.Errorf("stop = %v, want %v", loaded.Stop, tc.stop)
			}
			pod := apitest.Object(t, tc.pod)
			ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
			ev.Execution().SetCluster(apitest.NewCluster(pod, node).WithLogs("prod", "api-0", "", "log\n"))
			for _, a := range loaded.Actions {
				if err := a.Run(t.Context(), ev); err != nil {
					t.Errorf("%s: %v", a.Action.Name, err)
				}
			}
			fs := ev.Execution().Findings()
			if len(fs) != 1 || fs[0].Title != tc.title || fs[0].Severity != api.SeverityHigh {
				var got []string
				for _, f := range fs {
					got = append(got, f.Title)
				}
				t.Errorf("findings %q, want one HIGH %q", strings.Join(got, "; "), tc.title)
			}
		})
	}
}

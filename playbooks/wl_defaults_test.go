package playbooks_test

import (
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Robusta's default playbooks that use the alert and workload enrichers
// load unchanged, each on its own so that a failure names the playbook
// (the Robusta UI sink left out: it is not a sink here).
func TestRobustaDefaultWorkloadPlaybooksLoad(t *testing.T) {
	names := []string{
		"KubePodNotReady", "KubeContainerWaiting", "KubeHpaReplicasMismatch", "KubeAggregatedAPIDown",
		"KubeletTooManyPods", "KubeNodeNotReady", "KubeNodeUnreachable", "KubeStatefulSetReplicasMismatch",
		"KubeStatefulSetUpdateNotRolledOut", "KubeDaemonSetRolloutStuck", "K8sMisscheduled",
		"DeploymentReplicasMismatch", "DefaultPrometheusAlertEnricher", "MiniClusterNodeFSSpaceAlerts",
		"KubeCPUOvercommit", "KubeMemoryOvercommit", "IngressChangeTracking", "EventBasedChangeTracking",
	}
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	byName := map[string]map[string]any{}
	for _, list := range []string{"builtinPlaybooks", "platformPlaybooks"} {
		for _, pb := range values[list].([]any) {
			m := pb.(map[string]any)
			if name, _ := m["name"].(string); name != "" {
				byName[name] = m
			}
		}
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		pb, ok := byName[name]
		if !ok {
			t.Errorf("%s has no playbook %s", conformance.HelmValuesFile, name)
			continue
		}
		delete(pb, "sinks")
		doc, err := yaml.Marshal(map[string]any{"customPlaybooks": []any{pb}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := config.Load(name+".yaml", doc, set); err != nil {
			t.Errorf("Robusta's %s:\n%v\n%s", name, err, doc)
		}
	}
}

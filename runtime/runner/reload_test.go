package runner_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// created is a playbook making one finding per pod created, titled.
func createdAs(title string) string {
	return fmt.Sprintf(`customPlaybooks:
- name: Created
  triggers: [{on_pod_create: {}}]
  actions: [{create_finding: {title: %q, aggregation_key: Created}}]
`, title)
}

func hasTitle(title string) func(finding) bool {
	return func(f finding) bool { return f.Title == title }
}

// TestReloadOnConfigMapSwap updates the mounted ConfigMap as the kubelet
// does: the new playbooks take over without a restart, findings keep
// going to the unchanged sink, and the reload is counted once although
// the swap makes several events in the directory.
func TestReloadOnConfigMapSwap(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: createdAs("v1 $name"), ConfigMap: true})

	createPod(t, c, "shop", "a", nil)
	p.Findings.WaitFor(t, "v1's finding for a", hasTitle("v1 a"))

	p.swapConfigMap(t, createdAs("v2 $name"))
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	createPod(t, c, "shop", "b", nil)
	all := p.Findings.WaitFor(t, "v2's finding for b", hasTitle("v2 b"))
	if n := count(all, "Created"); n != 2 {
		t.Errorf("%d findings, want 2 (one per pod, each from one config): %+v", n, all)
	}
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	p.waitMetric(t, fmt.Sprintf(reloadsFailed, 0))
	if !p.Logs.Contains(`"sinks_reopened":null`) {
		t.Errorf("the unchanged file_sink was reopened:\n%s", p.Logs)
	}
}

// TestReloadRefusesInvalidConfig swaps in a config with an unknown action:
// it is refused with its position, counted, and the old playbooks keep
// firing; a valid config after it is taken.
func TestReloadRefusesInvalidConfig(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: createdAs("v1 $name"), ConfigMap: true})

	p.swapConfigMap(t, `customPlaybooks:
- name: Broken
  triggers: [{on_pod_create: {}}]
  actions: [{no_such_action: {}}]
`)
	p.waitMetric(t, fmt.Sprintf(reloadsFailed, 1))
	// The values file is the sink's four lines, then customPlaybooks: the
	// action is on line 8 of the file as mounted.
	if !p.Logs.Contains("values.yaml:8:") || !p.Logs.Contains("no_such_action") {
		t.Errorf("the refusal does not give the bad action's position:\n%s", p.Logs)
	}
	createPod(t, c, "shop", "a", nil)
	p.Findings.WaitFor(t, "the old config's finding for a", hasTitle("v1 a"))

	p.swapConfigMap(t, createdAs("v3 $name")+"alertRelabel: [{source: pod_name, target: pod}]\n")
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	if !p.Logs.Contains("alertRelabel and custom_severity_map changed: they take effect when the runner restarts") {
		t.Errorf("no warning that alertRelabel applies at the next restart:\n%s", p.Logs)
	}
	createPod(t, c, "shop", "b", nil)
	p.Findings.WaitFor(t, "v3's finding for b", hasTitle("v3 b"))
	p.waitMetric(t, fmt.Sprintf(reloadsFailed, 1))
}

// TestReloadOnSignal sends the reload signal with the file unchanged: it
// re-reads the config anyway (the environment it substitutes changed),
// which no file event would have done.
func TestReloadOnSignal(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	t.Setenv("RELOAD_TEST_TITLE", "before")
	hup := make(chan os.Signal, 1)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: createdAs("{{ env.RELOAD_TEST_TITLE }} $name"), Reload: hup})

	createPod(t, c, "shop", "a", nil)
	p.Findings.WaitFor(t, "the first finding", hasTitle("before a"))
	os.Setenv("RELOAD_TEST_TITLE", "after")
	hup <- os.Interrupt // any value: Run installs no handler of its own
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	createPod(t, c, "shop", "b", nil)
	p.Findings.WaitFor(t, "the reloaded config's finding", hasTitle("after b"))
}

// markedAs is a playbook running mark with tag on every pod update.
func markedAs(tag string) string {
	return fmt.Sprintf(`customPlaybooks:
- name: Marked
  triggers: [{on_pod_update: {}}]
  actions: [{mark: {tag: %s}}]
`, tag)
}

// TestReloadUnderPodUpdates reloads twice while pods are being updated:
// every update runs exactly once, on one config, and each pod's updates
// see the configs in order (never v2 after v3), the last ones the newest.
func TestReloadUnderPodUpdates(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	m := &marks{runs: map[string][]string{}}
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: markedAs("v1"), ConfigMap: true,
		Packages: []registry.Package{playbooks.Actions, m.pkg()}})
	const pods, rounds = 4, 40
	for i := range pods {
		createPod(t, c, "shop", "p"+strconv.Itoa(i), nil)
	}
	var order [pods][]string // each pod's resourceVersions, in update order
	update := func(round int) {
		for i := range pods {
			pod := updatePod(t, c, "shop", "p"+strconv.Itoa(i), func(p *corev1.Pod) {
				p.Labels = map[string]string{"round": strconv.Itoa(round)}
			})
			order[i] = append(order[i], pod.Name+"@"+pod.ResourceVersion)
		}
	}
	for round := range rounds {
		switch round {
		case rounds / 3:
			p.swapConfigMap(t, markedAs("v2")) // no wait: the updates go on
		case 2 * rounds / 3:
			p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
			p.swapConfigMap(t, markedAs("v3"))
		}
		update(round)
	}
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 2))
	update(rounds) // after both reloads: must run on v3
	kubetest.Eventually(t, wait, "every update to run", func() bool {
		for i := range pods {
			for _, key := range order[i] {
				if len(m.of(key)) == 0 {
					return false
				}
			}
		}
		return true
	})

	rank := map[string]int{"v1": 1, "v2": 2, "v3": 3}
	for i := range pods {
		last := 0
		for _, key := range order[i] {
			tags := m.of(key)
			if len(tags) != 1 {
				t.Errorf("update %s ran %d times (%v), want once", key, len(tags), tags)
				continue
			}
			if r := rank[tags[0]]; r < last {
				t.Errorf("update %s ran on %s after an earlier update ran on a newer config", key, tags[0])
			} else {
				last = r
			}
		}
		if final := m.of(order[i][len(order[i])-1]); len(final) != 1 || final[0] != "v3" {
			t.Errorf("pod %d's update after both reloads ran on %v, want [v3]", i, final)
		}
	}
	byTag := map[string]int{}
	for i := range pods {
		for _, key := range order[i] {
			for _, tag := range m.of(key) {
				byTag[tag]++
			}
		}
	}
	t.Logf("updates per config: %v", byTag)
	if byTag["v2"] == 0 {
		t.Errorf("no update ran on v2: the reloads did not happen under the stream")
	}
	if t.Failed() {
		t.Logf("runs: %s", strings.Join(order[0], " "))
	}
}

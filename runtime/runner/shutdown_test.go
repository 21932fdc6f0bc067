package runner_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// SIGTERM (here: Run's context canceled) while an action runs: intake
// stops at once, the action finishes and its finding is written, Run
// returns nil, and a change made after the cancel is never processed.
func TestShutdownDrainsRunningAction(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "drain")
	g := &gate{started: make(chan string, 2), release: make(chan struct{})}
	p := startReady(t, spec{
		Kubeconfig: env.Kubeconfig(t),
		Packages:   []registry.Package{playbooks.Actions, g.pkg()},
		Args:       []string{"--shutdown-grace", "20s"}, // within the harness's 30 s bound on Run
		Playbooks: `customPlaybooks:
- name: Slow
  triggers: [{on_pod_create: {}}]
  actions:
  - create_finding: {title: "$name", aggregation_key: Slow}
  - hold: {}
`,
	})
	t.Cleanup(g.Release)

	slow := createPod(t, c, "drain", "slow-1", nil)
	g.WaitStarted(t, "slow-1")

	p.cancel()
	kubetest.Eventually(t, wait, "the runner to begin shutting down", func() bool { return p.Logs.Contains(`"msg":"shutting down`) })
	// Intake is stopped, the action still holds: Run must be waiting for it.
	createPod(t, c, "drain", "late-1", nil)
	select {
	case <-p.exited:
		t.Fatalf("Run returned (%v) while an action was running", p.err)
	default:
	}
	if got := p.Findings.Read(t); len(got) != 0 {
		t.Fatalf("findings before the action finished: %+v", got)
	}

	g.Release()
	p.Stop(t) // requires Run to return nil
	select {
	case name := <-g.started:
		t.Errorf("hold ran on %s, a pod created after the cancel", name)
	default:
	}
	want := []finding{created("Slow", []string{"create_finding", "hold"}, "slow-1", "Slow", "HIGH", subjectOf("Pod", slow), blocks(markdown("released"))...)}
	if d := cmp.Diff(want, p.Findings.Read(t), diffOpts); d != "" {
		t.Errorf("findings after shutdown (-want +got):\n%s", d)
	}
	if !p.Logs.Contains(`"msg":"runner stopped"`) {
		t.Errorf("no \"runner stopped\" log line:\n%s", p.Logs)
	}
}

package runner_test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Several writers each update their own pod in a tight loop while the
// runner's workers are held by a test action, so that the changes pile up
// behind them; then they are let go all at once. With fewer workers than
// pods and a queue of one, pods share workers and intake has to wait.
// Each pod's findings must still come in the order of its updates, every
// one of them.
func TestPerObjectOrderUnderConcurrentChanges(t *testing.T) {
	const pods, updates = 6, 25
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "load")
	for i := range pods {
		createPod(t, c, "load", podName(i), nil)
	}
	g := &gate{release: make(chan struct{})}
	p := startReady(t, spec{
		Kubeconfig: env.Kubeconfig(t),
		Packages:   []registry.Package{playbooks.Actions, g.pkg()},
		Args:       []string{"--workers", "3", "--queue-size", "1"},
		Playbooks: `customPlaybooks:
- name: Seq
  triggers: [{on_pod_update: {labels_selector: seq}}]
  actions:
  - create_finding: {title: "$name", description: "$labels.seq"}
  - hold: {}
`,
	})
	t.Cleanup(g.Release)

	var wg sync.WaitGroup
	for i := range pods {
		wg.Go(func() {
			for seq := 1; seq <= updates; seq++ {
				_, err := tryUpdatePod(t.Context(), c, "load", podName(i), func(p *corev1.Pod) {
					if p.Labels == nil {
						p.Labels = map[string]string{}
					}
					p.Labels["seq"] = strconv.Itoa(seq)
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	g.Release()

	all := p.Findings.WaitN(t, pods*updates)
	want := make([]string, updates)
	for i := range want {
		want[i] = strconv.Itoa(i + 1)
	}
	for i := range pods {
		var got []string
		for _, f := range all {
			if f.Title == podName(i) {
				got = append(got, f.Description)
			}
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: seq labels in finding order (-want +got):\n%s", podName(i), d)
		}
	}
	if len(all) != pods*updates {
		t.Errorf("%d findings, want %d", len(all), pods*updates)
	}
}

func podName(i int) string { return fmt.Sprintf("pod-%d", i) }

package runner_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/schedule"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// tickPkg has "tick", an action for any event that writes the recurrence
// of a scheduled one.
func tickPkg() registry.Package {
	var all []string
	for _, s := range trigger.Specs() {
		all = append(all, s.Name)
	}
	slices.Sort(all)
	return registry.Package{Path: "example.com/tick", Actions: []registry.Action{{
		Name: "tick", Func: "tick.Tick", Event: "api.ExecutionEvent", Triggers: all,
		Accepts: func(api.ExecutionEvent) bool { return true },
		Bind: func([]byte) (registry.Func, error) {
			return func(_ context.Context, ev api.ExecutionEvent) error {
				if s, ok := ev.(*api.ScheduledEvent); ok {
					ev.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("recurrence %d", s.Recurrence)))
				}
				return nil
			}, nil
		},
	}}}
}

const tickPlaybooks = `customPlaybooks:
- name: Tick
  triggers: [{on_schedule: {fixed_delay_repeat: {repeat: 3, seconds_delay: 1}}}]
  actions:
  - tick: {}
`

// recurrences are the recurrences the Tick findings report, in order.
func recurrences(all []finding) []string {
	var got []string
	for _, f := range all {
		if f.Playbook != "Tick" {
			continue
		}
		for _, e := range f.Enrichments {
			for _, b := range e.Blocks {
				if text, ok := b["text"].(string); ok && strings.HasPrefix(text, "recurrence") {
					got = append(got, text)
				}
			}
		}
	}
	return got
}

// TestScheduleSurvivesRestart seeds the schedule's ConfigMap as a runner
// that had run Tick once would have left it (a long time ago, so the next
// run is due at once), runs the runner until the schedule of 3 is done,
// and restarts it: the state says 3 runs, and nothing runs again.
func TestScheduleSurvivesRestart(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "robusta")
	pkgs := []registry.Package{playbooks.Actions, tickPkg()}

	// The job's ID, as the runner computes it.
	set, err := registry.NewSet(pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(t.TempDir(), "values.yaml"), []byte(fmt.Sprintf(values, "/dev/null")+tickPlaybooks), set)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := schedule.JobsFor(cfg.Playbooks)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs %v, %v", jobs, err)
	}
	id := jobs[0].ID
	seed, _ := json.Marshal(schedule.State{Playbook: "Tick", Runs: 1, LastRun: time.Now().Add(-time.Hour)})
	if _, err := c.CoreV1().ConfigMaps("robusta").Create(t.Context(), &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: schedule.DefaultConfigMap},
		Data:       map[string]string{id: string(seed)},
	}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	// The namespace from $POD_NAMESPACE.
	t.Setenv("POD_NAMESPACE", "robusta")
	p := start(t, spec{Kubeconfig: env.Kubeconfig(t), Packages: pkgs, Playbooks: tickPlaybooks})
	p.Findings.Wait(t, "two Tick findings", func(all []finding) bool { return count(all, "Tick") >= 2 })
	kubetest.Eventually(t, wait, "the schedule to finish", func() bool { return p.Logs.Contains("schedule finished") })
	p.Stop(t)
	if diff := cmp.Diff([]string{"recurrence 1", "recurrence 2"}, recurrences(p.Findings.Read(t))); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
	stored := func() schedule.State {
		cm, err := c.CoreV1().ConfigMaps("robusta").Get(t.Context(), schedule.DefaultConfigMap, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var st schedule.State
		if err := json.Unmarshal([]byte(cm.Data[id]), &st); err != nil {
			t.Fatalf("state %q: %v", cm.Data[id], err)
		}
		return st
	}
	if st := stored(); st.Runs != 3 || time.Since(st.LastRun) > time.Minute {
		t.Errorf("stored state %+v, want 3 runs just now", st)
	}

	// Restarted, with the namespace from the flag: the schedule is done.
	t.Setenv("POD_NAMESPACE", "elsewhere")
	p2 := start(t, spec{Kubeconfig: env.Kubeconfig(t), Packages: pkgs, Playbooks: tickPlaybooks, Args: []string{"--namespace", "robusta"}})
	kubetest.Eventually(t, wait, "the schedule to be found finished", func() bool { return p2.Logs.Contains(`"msg":"schedule finished"`) })
	p2.Stop(t)
	if got := recurrences(p2.Findings.Read(t)); len(got) != 0 {
		t.Errorf("the restarted runner ran the finished schedule: %v", got)
	}
	if st := stored(); st.Runs != 3 {
		t.Errorf("stored runs %d after the restart, want 3", st.Runs)
	}
}

package schedule_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/schedule"
)

// TestConfigMapStateAcrossRestart runs a fixed schedule of 3 twice, stops
// the scheduler, and starts a new one on the same API server, as a
// restarted runner would: it runs exactly once more.
func TestConfigMapStateAcrossRestart(t *testing.T) {
	env := kubetest.Start(t)
	ctx := context.Background()
	const ns = "default"
	clock := newFakeClock(t0)
	job := schedule.Job{ID: "0123abcd", Index: 0, Playbook: "report", Params: fixed(3, 10)}

	first := startScheduler(t, clock, &schedule.ConfigMapStore{Client: env.Client, Namespace: ns}, job)
	awaitTimers(t, clock, 1)
	first.step(t, 1, 1)
	first.step(t, 2, 1)
	first.s.Stop()
	clock.Drop()

	cm, err := env.Client.CoreV1().ConfigMaps(ns).Get(ctx, schedule.DefaultConfigMap, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var st schedule.State
	if err := json.Unmarshal([]byte(cm.Data[job.ID]), &st); err != nil {
		t.Fatalf("ConfigMap data %v: %v", cm.Data, err)
	}
	if diff := cmp.Diff(schedule.State{Playbook: "report", Runs: 2, LastRun: t0.Add(130 * time.Second)}, st); diff != "" {
		t.Errorf("stored state (-want +got):\n%s", diff)
	}

	clock.Advance(4 * time.Second)
	second := startScheduler(t, clock, &schedule.ConfigMapStore{Client: env.Client, Namespace: ns}, job)
	awaitTimers(t, clock, 1)
	if d := clock.NextIn(); d != 6*time.Second {
		t.Errorf("next run in %s after the restart, want 6s (last run + 10s)", d)
	}
	second.step(t, 1, 0)
	clock.Advance(time.Hour)
	second.settle(t, 1, 0)
	if diff := cmp.Diff([]run{{0, 2, t0.Add(140 * time.Second)}}, second.rec.Runs()); diff != "" {
		t.Errorf("runs after the restart (-want +got):\n%s", diff)
	}

	second.s.Stop() // waits for the last Save

	// A third start finds the job finished.
	third := startScheduler(t, clock, &schedule.ConfigMapStore{Client: env.Client, Namespace: ns}, job)
	third.settle(t, 0, 0)
	states, _, err := (&schedule.ConfigMapStore{Client: env.Client, Namespace: ns}).Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := states[job.ID].Runs; got != 3 {
		t.Errorf("stored runs %d, want 3", got)
	}

	// Concurrent saves of different jobs all land: conflicts are retried.
	store := &schedule.ConfigMapStore{Client: env.Client, Namespace: ns, Name: "conflicts"}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() { errs <- store.Save(ctx, fmt.Sprintf("job%d", i), schedule.State{Runs: i}) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	states, _, err = store.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]schedule.State{}
	for i := range 20 {
		want[fmt.Sprintf("job%d", i)] = schedule.State{Runs: i}
	}
	if diff := cmp.Diff(want, states); diff != "" {
		t.Errorf("states after concurrent saves (-want +got):\n%s", diff)
	}
}

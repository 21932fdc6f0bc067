package schedule_test

import (
	"bytes"
	"context"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/schedule"
)

// syncBuffer is a log sink the scheduler's goroutines may write to while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A hand-edited or stale robusta-scheduled-jobs never fails the start: an
// unreadable key is logged and its job starts afresh, and the keys of jobs
// no longer configured are removed.
func TestStartSkipsUnreadableStatesAndPrunesStale(t *testing.T) {
	env := kubetest.Start(t)
	ctx := context.Background()
	const ns = "default"
	_, err := env.Client.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: schedule.DefaultConfigMap, Namespace: ns},
		Data: map[string]string{
			"live":     `{"playbook":"live","runs":1,"last_run":"2026-01-01T12:01:25Z"}`,
			"broken":   `{"runs":`,
			"negative": `{"runs":-3}`,
			"removed":  `{"playbook":"old","runs":4}`,
		},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	clock, rec := newFakeClock(t0), &recorder{}
	rec.clock = clock
	store := &schedule.ConfigMapStore{Client: env.Client, Namespace: ns}
	s, err := schedule.New([]schedule.Job{
		{ID: "live", Index: 0, Playbook: "live", Params: fixed(3, 10)},
		{ID: "broken", Index: 1, Playbook: "broken", Params: fixed(3, 10)},
	}, rec, store, schedule.WithClock(clock), schedule.WithInitialDelay(time.Minute),
		schedule.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(ctx); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(s.Stop)
	awaitTimers(t, clock, 2)
	// live continues (last run + 10s), broken starts afresh (initial delay).
	if d := clock.NextIn(); d != 5*time.Second {
		t.Errorf("next run in %s, want live's 5s", d)
	}
	for _, want := range []string{"key broken", "key negative", "runs is -3"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs do not mention %q:\n%s", want, logs.String())
		}
	}
	cm, err := env.Client.CoreV1().ConfigMaps(ns).Get(ctx, schedule.DefaultConfigMap, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(cm.Data))
	if diff := cmp.Diff([]string{"broken", "live"}, keys); diff != "" {
		t.Errorf("keys after the start (-want +got):\n%s", diff)
	}

	// With no schedule configured at all, every key is stale.
	s.Stop()
	none, err := schedule.New(nil, rec, store, schedule.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	if err := none.Start(ctx); err != nil {
		t.Fatal(err)
	}
	none.Stop()
	states, skipped, err := store.Load(ctx)
	if err != nil || len(states) != 0 || len(skipped) != 0 {
		t.Errorf("after a start without schedules: states %v, skipped %v, err %v; want none", states, skipped, err)
	}
}

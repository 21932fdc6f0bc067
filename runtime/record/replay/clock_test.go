package replay_test

import (
	"log/slog"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/record/replay"
	"github.com/robusta-go/robusta/runtime/registry"
)

// fire_delay and rate_limit decide on the recorded times, not on the time
// of the replay (which runs the four inputs within milliseconds, years
// after the pod started): within fire_delay no finding, after it one, a
// repeat within rate_limit none, after it one more.
func TestReplayUsesTheRecordedClock(t *testing.T) {
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load("values.yaml", []byte(`sinksConfig:
- file_sink: {name: main, file_name: /nonexistent/never-opened}
customPlaybooks:
- name: Backoff
  triggers: [{on_image_pull_backoff: {fire_delay: 120, rate_limit: 3600}}]
  actions: [{create_finding: {title: "$name cannot pull"}}]
`), set)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	red := record.NewRedactor()
	var recs []record.Record
	for i, after := range []time.Duration{60 * time.Second, 200 * time.Second, 300 * time.Second, 2 * time.Hour} {
		pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "prod", ResourceVersion: string(rune('1' + i))},
			Status: corev1.PodStatus{StartTime: &metav1.Time{Time: t0}, ContainerStatuses: []corev1.ContainerStatus{{Name: "main",
				State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ImagePullBackOff"}}}}}}
		raw, err := red.EncodeObject(pod)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, record.Record{V: record.Version, Type: record.TypeChange, Time: t0.Add(after),
			Change: &record.Change{Kind: "Pod", Operation: api.OperationUpdate, Obj: raw, Old: raw}})
	}
	res, err := replay.Run(t.Context(), cfg, set, recs, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if res.Inputs != 4 || len(res.Deliveries) != 2 {
		t.Fatalf("%d inputs, %d findings, want 4 and 2: %+v", res.Inputs, len(res.Deliveries), res.Deliveries)
	}
	for _, d := range res.Deliveries {
		if d.Sink != "main" || d.Finding.Title != "web-0 cannot pull" {
			t.Errorf("delivery %s: %q", d.Sink, d.Finding.Title)
		}
	}
}

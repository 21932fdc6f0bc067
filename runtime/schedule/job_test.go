package schedule_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/schedule"
	"github.com/robusta-go/robusta/runtime/trigger"
)

func compileTrigger(t *testing.T, name, params string) *trigger.Trigger {
	t.Helper()
	spec, ok := trigger.Lookup(name)
	if !ok {
		t.Fatalf("no trigger %s", name)
	}
	tr, err := trigger.Compile(spec, []byte(params))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func playbook(t *testing.T, name, trig, params, action, actionParams string) config.Playbook {
	return config.Playbook{
		Name:     name,
		Triggers: []*trigger.Trigger{compileTrigger(t, trig, params)},
		Actions:  []config.Action{{Action: &registry.Action{Name: action}, Params: []byte(actionParams)}},
	}
}

func TestJobsForIndexesAndStableIDs(t *testing.T) {
	const every10 = `{"fixed_delay_repeat":{"repeat":3,"seconds_delay":10}}`
	const hourly = `{"cron_schedule_repeat":{"cron_expression":"0 * * * *"}}`
	pbs := []config.Playbook{
		playbook(t, "a", "on_schedule", every10, "report", `{"x":1}`),
		playbook(t, "pods", "on_pod_create", `{}`, "report", `{}`),
		playbook(t, "b", "on_schedule", hourly, "report", `{"x":1}`),
	}
	jobs, err := schedule.JobsFor(pbs)
	if err != nil {
		t.Fatal(err)
	}
	type brief struct {
		Index    int
		Playbook string
	}
	var got []brief
	for _, j := range jobs {
		got = append(got, brief{j.Index, j.Playbook})
	}
	if diff := cmp.Diff([]brief{{0, "a"}, {1, "b"}}, got); diff != "" {
		t.Errorf("jobs (-want +got):\n%s", diff)
	}
	if jobs[0].ID == jobs[1].ID {
		t.Error("different schedules share an ID")
	}

	// Reordered and renamed, with a playbook added before: same IDs.
	moved, err := schedule.JobsFor([]config.Playbook{
		playbook(t, "new", "on_schedule", hourly, "other", `{}`),
		playbook(t, "b-renamed", "on_schedule", hourly, "report", `{"x":1}`),
		playbook(t, "a-renamed", "on_schedule", every10, "report", `{"x":1}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	if moved[2].ID != jobs[0].ID || moved[1].ID != jobs[1].ID {
		t.Errorf("IDs changed when playbooks moved: %v then %v", jobs, moved)
	}
	// Changed action params or schedule: a new ID.
	changed, err := schedule.JobsFor([]config.Playbook{
		playbook(t, "a", "on_schedule", every10, "report", `{"x":2}`),
		playbook(t, "a", "on_schedule", `{"fixed_delay_repeat":{"repeat":4,"seconds_delay":10}}`, "report", `{"x":1}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range changed {
		if j.ID == jobs[0].ID {
			t.Errorf("job %d kept ID %s after a change", j.Index, j.ID)
		}
	}
}

package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A schedule that could never run is a load error at its value, and a
// time zone with nothing after it no longer panics the loader.
func TestLoadRefusesSchedulesThatCannotRun(t *testing.T) {
	for _, tc := range []struct {
		name, form string
		want       []string
	}{
		{"cron that never fires", `cron_schedule_repeat: {cron_expression: "0 0 30 2 *"}`,
			[]string{`values.yaml:4:47: filter "cron_schedule_repeat.cron_expression" for on_schedule: never fires: no time matches it in the next five years`}},
		{"seconds_delay past a duration", `fixed_delay_repeat: {seconds_delay: 9223372037}`,
			[]string{`values.yaml:4:43: filter "fixed_delay_repeat.seconds_delay" for on_schedule: got 9223372037, want at most 9223372036`}},
		{"seconds_delay past an int64", `fixed_delay_repeat: {seconds_delay: 99999999999999999999}`,
			[]string{`values.yaml:4:43: filter "fixed_delay_repeat.seconds_delay" for on_schedule: got 100000000000000000000, want at most 9223372036`}},
		{"zone alone", `cron_schedule_repeat: {cron_expression: "TZ=UTC"}`,
			[]string{`values.yaml:4:47: filter "cron_schedule_repeat.cron_expression" for on_schedule: "TZ=UTC" is not a cron expression: five fields (minute hour day-of-month month day-of-week), a descriptor such as @hourly, or @every 1h`}},
		{"four fields", `cron_schedule_repeat: {cron_expression: "0 * * *"}`,
			[]string{`values.yaml:4:47: filter "cron_schedule_repeat.cron_expression" for on_schedule: "0 * * *" is not a cron expression: five fields (minute hour day-of-month month day-of-week), a descriptor such as @hourly, or @every 1h`}},
		{"value out of range", `cron_schedule_repeat: {cron_expression: "0 25 * * *"}`,
			[]string{`values.yaml:4:47: filter "cron_schedule_repeat.cron_expression" for on_schedule: end of range (25) above maximum (23): 25`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			values := "customPlaybooks:\n- triggers:\n  - on_schedule:\n      " + tc.form + "\n  actions:\n  - echo: {}\n"
			_, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if diff := cmp.Diff(tc.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// repeat may be left out: it runs forever, as in Robusta.
func TestLoadScheduleRepeatDefault(t *testing.T) {
	values := "customPlaybooks:\n- triggers:\n  - on_schedule: {fixed_delay_repeat: {seconds_delay: 60}}\n  actions:\n  - echo: {}\n"
	cfg, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Playbooks[0].Triggers[0].Schedule.FixedDelayRepeat.Repeat; got != -1 {
		t.Errorf("repeat %d, want -1", got)
	}
}

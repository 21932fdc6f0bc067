package config

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

// The keys every Robusta sink takes load on every sink type, without a
// warning.
func TestRobustaSinkKeysLoad(t *testing.T) {
	doc := `sinksConfig:
- file_sink:
    name: out
    file_name: /tmp/out.jsonl
    send_svg: true
    prefer_redirect_to_platform: false
    activity:
      timezone: Europe/Paris
      intervals:
      - days: [MON, thr]
        hours: [{start: "09:00", end: "17:00"}]
    mute_intervals:
    - {start_date: "2026-12-24 18:00", end_date: "2026-12-27 08:00"}
    grouping:
      group_by: [cluster]
      interval: 900
      notification_mode: {summary: {threaded: true, by: [identifier]}}
`
	got := warnings(t, doc)
	if len(got) != 0 {
		t.Errorf("warnings:\n%s", strings.Join(got, "\n"))
	}
	cfg, err := Load("values.yaml", []byte(doc), testActions(t), WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.Sinks[0].Common
	if !c.SendSVG || c.Activity == nil || len(c.Activity.Intervals[0].Days) != 2 || len(c.MuteIntervals) != 1 ||
		c.Grouping == nil || c.Grouping.Window() != 900*time.Second || !c.Grouping.Summary().IsThreaded() {
		t.Errorf("sink common = %+v", c)
	}
}

// Bad activity and mute_intervals are errors at their values: the schema's
// (a time that is not HH:MM) and those only Compile sees (a day, a zone,
// an impossible date, an empty window).
func TestSinkActivityErrors(t *testing.T) {
	doc := `sinksConfig:
- stdout_sink:
    name: out
    activity:
      timezone: Mars/Olympus
      intervals:
      - days: [MON, Funday]
        hours: [{start: "22:00", end: "06:00"}]
    mute_intervals:
    - {start_date: "2026-02-30 10:00", end_date: "2026-03-01 10:00"}
- stdout_sink:
    name: out2
    activity:
      intervals:
      - days: [MON]
        hours: [{start: "9", end: "17:00"}]
`
	_, err := Load("values.yaml", []byte(doc), testActions(t))
	if err == nil {
		t.Fatal("Load: no error")
	}
	for _, want := range []string{
		`values.yaml:5:17: param "activity.timezone" of stdout_sink: unknown time zone "Mars/Olympus"`,
		`values.yaml:7:21: param "activity.intervals[0].days[1]" of stdout_sink: invalid day "Funday"`,
		`values.yaml:8:17: param "activity.intervals[0].hours[0]" of stdout_sink: start 22:00 is after end 06:00`,
		`values.yaml:10:20: param "mute_intervals[0].start_date" of stdout_sink: invalid date-time "2026-02-30 10:00"`,
		`values.yaml:16:25: param "activity.intervals[0].hours[0].start" of stdout_sink: "9" does not match the pattern`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

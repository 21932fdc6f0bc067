package activity

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func compile(t *testing.T, doc string) *Window {
	t.Helper()
	var p struct {
		Activity      *Params        `json:"activity"`
		MuteIntervals []MuteInterval `json:"mute_intervals"`
	}
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	w, err := Compile(p.Activity, p.MuteIntervals)
	if err != nil {
		t.Fatalf("Compile(%s): %v", doc, err)
	}
	return w
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// 2026-12-03 is a Thursday.
func TestActivity(t *testing.T) {
	w := compile(t, `{"activity": {"timezone": "Europe/Paris", "intervals": [
		{"days": ["mon", "Tue", "WED", "THR", "FRI"], "hours": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:30"}]},
		{"days": ["SAT"]}]}}`)
	for _, c := range []struct {
		at   string
		want bool
	}{
		{"2026-12-03T08:00:00Z", true},  // Thursday 09:00 in Paris (UTC+1): the start is included
		{"2026-12-03T07:59:59Z", false}, // 08:59:59 in Paris
		{"2026-12-03T11:00:00Z", true},  // 12:00:00: the end is included to the second
		{"2026-12-03T11:00:01Z", false}, // 12:00:01, lunch
		{"2026-12-03T16:30:00Z", true},  // 17:30:00
		{"2026-12-03T16:31:00Z", false}, // 17:31
		{"2026-12-05T03:00:00Z", true},  // Saturday: the whole day
		{"2026-12-06T12:00:00Z", false}, // Sunday
		{"2026-12-06T23:30:00Z", false}, // Sunday 23:30 UTC is Monday 00:30 in Paris: not in hours
		{"2026-12-07T08:30:00Z", true},  // Monday 09:30 in Paris
		{"2026-07-02T07:30:00Z", true},  // Thursday in summer (UTC+2): 09:30 in Paris
		{"2026-07-02T06:30:00Z", false}, // 08:30 in Paris, which UTC+1 would have taken
	} {
		if got := w.Open(at(t, c.at)); got != c.want {
			t.Errorf("Open(%s) = %v, want %v", c.at, got, c.want)
		}
	}
}

func TestMuteIntervals(t *testing.T) {
	w := compile(t, `{"mute_intervals": [
		{"start_date": "2026-12-24 18:00", "end_date": "2026-12-27 08:00", "timezone": "America/New_York"},
		{"start_date": "2027-01-01 00:00", "end_date": "2027-01-01 00:00"}]}`)
	for _, c := range []struct {
		at   string
		want bool
	}{
		{"2026-12-24T22:59:59Z", true},  // 17:59:59 in New York
		{"2026-12-24T23:00:00Z", false}, // 18:00 in New York: muted
		{"2026-12-26T12:00:00Z", false},
		{"2026-12-27T13:00:59Z", false}, // 08:00:59: the end minute is included
		{"2026-12-27T13:01:00Z", true},
		{"2027-01-01T00:00:30Z", false}, // UTC by default; a one-minute interval
		{"2027-01-01T00:01:00Z", true},
	} {
		if got := w.Open(at(t, c.at)); got != c.want {
			t.Errorf("Open(%s) = %v, want %v", c.at, got, c.want)
		}
	}
}

// A mute interval wins over activity.
func TestMuteBeatsActivity(t *testing.T) {
	w := compile(t, `{"activity": {"intervals": [{"days": ["THR"]}]}, "mute_intervals": [{"start_date": "2026-12-03 10:00", "end_date": "2026-12-03 11:00"}]}`)
	if !w.Open(at(t, "2026-12-03T09:00:00Z")) || w.Open(at(t, "2026-12-03T10:30:00Z")) {
		t.Error("want open on Thursday outside the mute interval, closed inside it")
	}
}

func TestNoWindowIsAlwaysOpen(t *testing.T) {
	var w *Window
	if w2 := compile(t, `{}`); w2 != nil || !w.Open(time.Now()) {
		t.Errorf("no activity nor mute_intervals: %+v, want nil and always open", w2)
	}
}

func TestCompileErrors(t *testing.T) {
	for doc, want := range map[string][]string{
		`{"activity": {"timezone": "Mars/Olympus", "intervals": [{"days": ["MON"]}]}}`: {"activity.timezone: unknown time zone \"Mars/Olympus\""},
		`{"activity": {"intervals": []}}`:                                              {"activity.intervals: give at least one interval"},
		`{"activity": {"intervals": [{"days": ["MON", "Funday"]}]}}`:                   {"activity.intervals.0.days.1: invalid day \"Funday\""},
		`{"activity": {"intervals": [{"days": ["MON"], "hours": [{"start": "24:00", "end": "9:5"}]}]}}`: {
			"activity.intervals.0.hours.0.start: invalid time \"24:00\"", "activity.intervals.0.hours.0.end: invalid time \"9:5\"",
		},
		`{"activity": {"intervals": [{"days": ["MON"], "hours": [{"start": "22:00", "end": "06:00"}]}]}}`:               {"activity.intervals.0.hours.0: start 22:00 is after end 06:00"},
		`{"mute_intervals": [{"start_date": "2026-02-30 10:00", "end_date": "2026-03-01 10:00"}]}`:                      {"mute_intervals.0.start_date: invalid date-time \"2026-02-30 10:00\""},
		`{"mute_intervals": [{"start_date": "2026-03-02 10:00", "end_date": "2026-03-01 10:00"}]}`:                      {"mute_intervals.0.end_date: end 2026-03-01 10:00 is before start"},
		`{"mute_intervals": [{"start_date": "2026-03-01 10:00", "end_date": "2026-03-02 10:00", "timezone": "Local"}]}`: {"mute_intervals.0.timezone: unknown time zone"},
	} {
		var p struct {
			Activity      *Params        `json:"activity"`
			MuteIntervals []MuteInterval `json:"mute_intervals"`
		}
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			t.Fatal(err)
		}
		_, err := Compile(p.Activity, p.MuteIntervals)
		es := Errors(err)
		if len(es) != len(want) {
			t.Errorf("%s: errors %v, want %d", doc, err, len(want))
			continue
		}
		for i, w := range want {
			if !strings.HasPrefix(es[i].Error(), w) {
				t.Errorf("%s: error %d = %q, want it to start with %q", doc, i, es[i], w)
			}
		}
	}
}

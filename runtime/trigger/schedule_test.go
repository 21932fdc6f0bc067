package trigger

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	santhosh "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/robusta-go/robusta/runtime/schema"
)

// A schedule that can never run, or whose delay wraps a time.Duration
// negative, is refused at its path: the scheduler would otherwise spin or
// sit forever.
func TestCompileRefusesSchedulesThatCannotRun(t *testing.T) {
	spec, _ := Lookup("on_schedule")
	for _, tc := range []struct {
		params string
		path   []string
		msg    string
	}{
		{`{"cron_schedule_repeat":{"cron_expression":"0 0 30 2 *"}}`, []string{"cron_schedule_repeat", "cron_expression"}, "never fires"},
		{`{"cron_schedule_repeat":{"cron_expression":"0 0 31 4,6,9,11 *"}}`, []string{"cron_schedule_repeat", "cron_expression"}, "never fires"},
		// robfig/cron panics on a time zone with no expression after it.
		{`{"cron_schedule_repeat":{"cron_expression":"TZ=UTC"}}`, []string{"cron_schedule_repeat", "cron_expression"}, "time zone"},
		{`{"cron_schedule_repeat":{"cron_expression":"CRON_TZ=Europe/Paris"}}`, []string{"cron_schedule_repeat", "cron_expression"}, "time zone"},
		{`{"fixed_delay_repeat":{"repeat":1,"seconds_delay":9223372037}}`, []string{"fixed_delay_repeat", "seconds_delay"}, "at most 9223372036"},
		{`{"fixed_delay_repeat":{"repeat":1,"seconds_delay":0}}`, []string{"fixed_delay_repeat", "seconds_delay"}, "at least 1"},
	} {
		_, err := Compile(spec, []byte(tc.params))
		var pe *PathError
		if !errors.As(err, &pe) {
			t.Errorf("%s: error %v, want a *PathError", tc.params, err)
			continue
		}
		if diff := cmp.Diff(tc.path, pe.Path); diff != "" {
			t.Errorf("%s: path (-want +got):\n%s", tc.params, diff)
		}
		if !strings.Contains(pe.Err.Error(), tc.msg) {
			t.Errorf("%s: error %q does not say %q", tc.params, pe.Err, tc.msg)
		}
	}
	// Expressions that fire rarely are fine: Feb 29 comes within five years.
	for _, expr := range []string{"0 0 29 2 *", "0 0 30 2 MON", "@every 1h", "CRON_TZ=UTC 0 9 * * 1-5", "@yearly"} {
		if _, err := Compile(spec, []byte(`{"cron_schedule_repeat":{"cron_expression":"`+expr+`"}}`)); err != nil {
			t.Errorf("%s: %v", expr, err)
		}
	}
}

// repeat may be left out and then runs forever, as in Robusta.
func TestRepeatDefaultsToForever(t *testing.T) {
	spec, _ := Lookup("on_schedule")
	tr, err := Compile(spec, []byte(`{"fixed_delay_repeat":{"seconds_delay":60}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Schedule.FixedDelayRepeat.Repeat; got != -1 {
		t.Errorf("repeat %d, want -1", got)
	}
	tr, err = Compile(spec, []byte(`{"fixed_delay_repeat":{"repeat":0,"seconds_delay":60}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Schedule.FixedDelayRepeat.Repeat; got != 0 {
		t.Errorf("explicit repeat 0 read as %d", got)
	}
}

// The schema of on_schedule's params (the one Helm and editors check)
// says as much of the above as JSON Schema can: repeat optional with
// default -1, seconds_delay bounded, the cron expression's shape.
func TestScheduleSchema(t *testing.T) {
	s, err := schema.CompileType("urn:test:schedule", reflect.TypeFor[ScheduleParams]())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		doc   string
		valid bool
	}{
		{`{"fixed_delay_repeat":{"seconds_delay":60}}`, true},
		{`{"fixed_delay_repeat":{"seconds_delay":9223372036}}`, true},
		{`{"fixed_delay_repeat":{"seconds_delay":9223372037}}`, false},
		{`{"fixed_delay_repeat":{"seconds_delay":60,"repeat":-2}}`, false},
		{cronDoc("*/5 * * * *"), true},
		{cronDoc(" 0 9 * * mon-fri "), true},
		{cronDoc("0 0 1 JAN,jul ?"), true},
		{cronDoc("+5 1-3/2 * * *"), true},
		{cronDoc("@hourly"), true},
		{cronDoc("@every 1h30m"), true},
		{cronDoc("CRON_TZ=America/New_York 0 9 * * *"), true},
		{cronDoc("TZ=UTC @daily"), true},
		{cronDoc("0 * * *"), false},     // four fields
		{cronDoc("0 * * * * *"), false}, // six: the standard parser takes five
		{cronDoc("@hourl"), false},
		{cronDoc("0 0 * * * ; rm -rf /"), false},
		{cronDoc("TZ=UTC"), false},
		{cronDoc(""), false},
	} {
		v, err := santhosh.UnmarshalJSON(strings.NewReader(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		err = s.Validate(v)
		if (err == nil) != tc.valid {
			t.Errorf("%s: valid %v, want %v (%v)", tc.doc, err == nil, tc.valid, err)
		}
		// What the schema accepts, the loader must accept too (the
		// other way round it checks more: never-firing expressions).
		spec, _ := Lookup("on_schedule")
		if _, cerr := Compile(spec, []byte(tc.doc)); tc.valid && cerr != nil {
			t.Errorf("%s: the schema accepts it, Compile says %v", tc.doc, cerr)
		}
	}
	doc, err := schema.Marshal(schema.Reflect(reflect.TypeFor[ScheduleParams]()))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"default": -1`, `"maximum": 9223372036`} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("schema lacks %s:\n%s", want, doc)
		}
	}
}

func cronDoc(expr string) string {
	return `{"cron_schedule_repeat":{"cron_expression":"` + expr + `"}}`
}

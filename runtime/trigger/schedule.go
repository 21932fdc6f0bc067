package trigger

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
	"github.com/robfig/cron/v3"
)

// MaxSecondsDelay is the largest seconds_delay: a time.Duration counts
// nanoseconds in an int64, so one more second wraps negative, and a negative
// delay would make the scheduler run the job back to back.
const MaxSecondsDelay = math.MaxInt64 / int64(time.Second)

// CronPattern is the shape of an expression robfig/cron's standard parser
// takes: an optional TZ= or CRON_TZ= zone, then a descriptor (@hourly,
// @every 1h) or five fields of digits, names, * ? , / - and +. It is a
// superset of what parses (the values' ranges are not checked) so the
// schema never refuses what the runner accepts; ParseCron checks the rest.
const CronPattern = `^((CRON_)?TZ=[^\s]+\s+)?(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every [^\s]+|\s*[0-9A-Za-z*?,/+-]+(\s+[0-9A-Za-z*?,/+-]+){4}\s*)$`

// ErrNeverFires is returned by ParseCron for an expression that matches no
// time, such as 0 0 30 2 * (February 30th).
var ErrNeverFires = errors.New("never fires: no time matches it in the next five years")

// ParseCron parses a cron expression as the scheduler runs it and checks
// that it fires after now. robfig/cron's Next returns the zero time when
// nothing matches within five years, which a scheduler would take for a
// time long past.
func ParseCron(expr string, now time.Time) (cron.Schedule, error) {
	// robfig/cron v3.0.1 slices out of range on a zone with nothing after
	// it ("TZ=UTC"); refuse that before it panics.
	if strings.HasPrefix(expr, "TZ=") || strings.HasPrefix(expr, "CRON_TZ=") {
		if !strings.Contains(expr, " ") {
			return nil, fmt.Errorf("a time zone (%s) must be followed by a space and the expression", expr)
		}
	}
	s, err := cron.ParseStandard(expr)
	if err != nil {
		return nil, err
	}
	if s.Next(now).IsZero() {
		return nil, ErrNeverFires
	}
	return s, nil
}

// Delay is seconds_delay as a duration, or an error when it is not
// between 1 and MaxSecondsDelay.
func (f *FixedDelayRepeat) Delay() (time.Duration, error) {
	switch {
	case f.SecondsDelay < 1:
		return 0, fmt.Errorf("got %d, want at least 1", f.SecondsDelay)
	case int64(f.SecondsDelay) > MaxSecondsDelay:
		return 0, fmt.Errorf("got %d, want at most %d (the longest duration, about 292 years)", f.SecondsDelay, MaxSecondsDelay)
	}
	return time.Duration(f.SecondsDelay) * time.Second, nil
}

// UnmarshalJSON reads fixed_delay_repeat, with repeat -1 (forever) when
// it is left out, as Robusta's FixedDelayRepeat defaults it.
func (f *FixedDelayRepeat) UnmarshalJSON(b []byte) error {
	type plain FixedDelayRepeat // without this method
	p := plain{Repeat: -1}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*f = FixedDelayRepeat(p)
	return nil
}

// JSONSchemaExtend bounds seconds_delay by MaxSecondsDelay and makes repeat
// optional in the schema: invopop requires every field not tagged
// omitempty, and omitempty would drop an explicit repeat: 0 from the JSON
// the job IDs hash.
func (FixedDelayRepeat) JSONSchemaExtend(s *jsonschema.Schema) {
	if d, ok := s.Properties.Get("seconds_delay"); ok {
		d.Maximum = json.Number(strconv.FormatInt(MaxSecondsDelay, 10))
	}
	req := s.Required[:0]
	for _, r := range s.Required {
		if r != "repeat" {
			req = append(req, r)
		}
	}
	s.Required = req
}

// JSONSchemaExtend gives cron_expression its pattern, which a struct tag
// cannot hold (invopop splits tags at commas).
func (CronScheduleRepeat) JSONSchemaExtend(s *jsonschema.Schema) {
	if e, ok := s.Properties.Get("cron_expression"); ok {
		e.Pattern = CronPattern
	}
}

// compileSchedule checks the schedule's one form, in the terms the
// scheduler will run it in.
func compileSchedule(p ScheduleParams, errs []error) []error {
	if (p.FixedDelayRepeat == nil) == (p.CronScheduleRepeat == nil) {
		errs = append(errs, &PathError{Path: nil, Err: errors.New("set exactly one of fixed_delay_repeat and cron_schedule_repeat")})
	}
	if f := p.FixedDelayRepeat; f != nil {
		if _, err := f.Delay(); err != nil {
			errs = append(errs, &PathError{Path: []string{"fixed_delay_repeat", "seconds_delay"}, Err: err})
		}
	}
	if c := p.CronScheduleRepeat; c != nil {
		if _, err := ParseCron(c.CronExpression, time.Now()); err != nil {
			errs = append(errs, &PathError{Path: []string{"cron_schedule_repeat", "cron_expression"}, Err: err})
		}
	}
	return errs
}

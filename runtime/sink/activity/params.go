package activity

import (
	"errors"
	"strings"
)

// Params is a sink's activity key: when it takes findings.
type Params struct {
	Timezone  string     `json:"timezone,omitempty" jsonschema:"default=UTC" jsonschema_description:"The IANA time zone the days and hours are read in, e.g. Europe/Paris."`
	Intervals []Interval `json:"intervals" jsonschema:"minItems=1" jsonschema_description:"The sink takes findings during any of these intervals."`
}

// Interval is some days of the week, optionally some hours of them.
type Interval struct {
	Days  []string `json:"days" jsonschema:"minItems=1" jsonschema_description:"Days of the week: MON, TUE, WED, THR (or THU), FRI, SAT, SUN, in any case."`
	Hours []Hours  `json:"hours,omitempty" jsonschema_description:"Times of those days; none means the whole day."`
}

// Hours is a time range within a day, both ends included.
type Hours struct {
	Start string `json:"start" jsonschema:"pattern=^[0-9][0-9]:[0-9][0-9]$" jsonschema_description:"HH:MM, 24-hour."`
	End   string `json:"end" jsonschema:"pattern=^[0-9][0-9]:[0-9][0-9]$" jsonschema_description:"HH:MM, 24-hour, included to the second: 17:30 holds until 17:30:00."`
}

// MuteInterval is one element of a sink's mute_intervals: a date range
// the sink takes no findings in.
type MuteInterval struct {
	StartDate string `json:"start_date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$" jsonschema_description:"YYYY-MM-DD HH:MM, the first muted minute."`
	EndDate   string `json:"end_date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$" jsonschema_description:"YYYY-MM-DD HH:MM, the last muted minute (included)."`
	Timezone  string `json:"timezone,omitempty" jsonschema:"default=UTC" jsonschema_description:"The IANA time zone the dates are read in."`
}

// Error locates a problem in a sink's params: Path is the JSON path from
// the sink's params, e.g. activity, intervals, 0, hours, 1, start.
type Error struct {
	Path []string
	Err  error
}

func (e *Error) Error() string { return strings.Join(e.Path, ".") + ": " + e.Err.Error() }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

func errAt(err error, path ...string) error { return &Error{Path: path, Err: err} }

// Errors lists the *Error values of an error Compile returned.
func Errors(err error) []*Error {
	var out []*Error
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		for _, e := range j.Unwrap() {
			out = append(out, Errors(e)...)
		}
		return out
	}
	var e *Error
	if errors.As(err, &e) {
		out = append(out, e)
	}
	return out
}

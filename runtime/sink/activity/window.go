package activity

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the runner's image has no zoneinfo: see the package doc
)

// Window is a sink's compiled activity and mute_intervals. A nil *Window
// is always open.
type Window struct {
	active []slice // empty: always active
	mutes  []mute
}

// slice is one activity interval in its zone: days (by time.Weekday) and
// seconds of the day, both ends included; no ranges means the whole day.
type slice struct {
	loc    *time.Location
	days   [7]bool
	ranges [][2]int
}

// mute is a mute interval as minutes on its zone's wall clock, formatted
// so that comparing strings compares times, as Robusta compares tuples.
type mute struct {
	loc        *time.Location
	start, end string
}

const minuteLayout = "2006-01-02 15:04"

// days maps Robusta's day names (THR is its Thursday) to weekdays.
var days = map[string]time.Weekday{
	"MON": time.Monday, "TUE": time.Tuesday, "WED": time.Wednesday, "THR": time.Thursday,
	"THU": time.Thursday, "FRI": time.Friday, "SAT": time.Saturday, "SUN": time.Sunday,
}

// Compile checks and compiles a sink's activity (nil: none) and
// mute_intervals. It reports every problem, each as an *Error with its path
// from the sink's params, joined; it returns nil when neither is set.
func Compile(act *Params, mutes []MuteInterval) (*Window, error) {
	if act == nil && len(mutes) == 0 {
		return nil, nil
	}
	w := &Window{}
	var errs []error
	if act != nil {
		loc, err := zone(act.Timezone)
		if err != nil {
			errs = append(errs, errAt(err, "activity", "timezone"))
		}
		if len(act.Intervals) == 0 {
			errs = append(errs, errAt(errors.New("give at least one interval"), "activity", "intervals"))
		}
		for i, in := range act.Intervals {
			s, ierrs := compileInterval(in, "activity", "intervals", strconv.Itoa(i))
			s.loc = loc
			w.active = append(w.active, s)
			errs = append(errs, ierrs...)
		}
	}
	for i, m := range mutes {
		c, merrs := compileMute(m, "mute_intervals", strconv.Itoa(i))
		w.mutes = append(w.mutes, c)
		errs = append(errs, merrs...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return w, nil
}

func zone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" { // Local is the host's, not a zone
		return nil, fmt.Errorf("unknown time zone %q (an IANA name such as UTC or Europe/Paris)", name)
	}
	return loc, nil
}

func compileInterval(in Interval, path ...string) (slice, []error) {
	var s slice
	var errs []error
	at := func(err error, p ...string) error { return errAt(err, append(append([]string{}, path...), p...)...) }
	if len(in.Days) == 0 {
		errs = append(errs, at(errors.New("give at least one day"), "days"))
	}
	for i, d := range in.Days {
		wd, ok := days[strings.ToUpper(strings.TrimSpace(d))]
		if !ok {
			errs = append(errs, at(fmt.Errorf("invalid day %q: use MON, TUE, WED, THR, FRI, SAT or SUN", d), "days", strconv.Itoa(i)))
			continue
		}
		s.days[wd] = true
	}
	for i, h := range in.Hours {
		idx := strconv.Itoa(i)
		start, err1 := secondOfDay(h.Start)
		if err1 != nil {
			errs = append(errs, at(err1, "hours", idx, "start"))
		}
		end, err2 := secondOfDay(h.End)
		if err2 != nil {
			errs = append(errs, at(err2, "hours", idx, "end"))
		}
		if err1 == nil && err2 == nil && start > end {
			errs = append(errs, at(fmt.Errorf("start %s is after end %s, which no time is in: split a window across midnight into two", h.Start, h.End), "hours", idx))
		}
		s.ranges = append(s.ranges, [2]int{start, end})
	}
	return s, errs
}

// secondOfDay reads HH:MM.
func secondOfDay(hm string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(hm))
	if err != nil || len(strings.TrimSpace(hm)) != 5 {
		return 0, fmt.Errorf("invalid time %q: want HH:MM, 24-hour", hm)
	}
	return t.Hour()*3600 + t.Minute()*60, nil
}

func compileMute(m MuteInterval, path ...string) (mute, []error) {
	var errs []error
	at := func(err error, p string) error { return errAt(err, append(append([]string{}, path...), p)...) }
	loc, err := zone(m.Timezone)
	if err != nil {
		errs = append(errs, at(err, "timezone"))
	}
	for _, d := range []struct{ key, v string }{{"start_date", m.StartDate}, {"end_date", m.EndDate}} {
		if _, err := time.Parse(minuteLayout, d.v); err != nil {
			errs = append(errs, at(fmt.Errorf("invalid date-time %q: want YYYY-MM-DD HH:MM", d.v), d.key))
		}
	}
	if len(errs) == 0 && m.EndDate < m.StartDate {
		errs = append(errs, at(fmt.Errorf("end %s is before start %s", m.EndDate, m.StartDate), "end_date"))
	}
	return mute{loc: loc, start: m.StartDate, end: m.EndDate}, errs
}

// Open reports whether the sink takes findings at t: no mute interval
// holds t, and activity is unset or one of its intervals holds t.
func (w *Window) Open(t time.Time) bool {
	if w == nil {
		return true
	}
	for _, m := range w.mutes {
		if now := t.In(m.loc).Format(minuteLayout); m.start <= now && now <= m.end {
			return false
		}
	}
	if len(w.active) == 0 {
		return true
	}
	for _, s := range w.active {
		if s.holds(t) {
			return true
		}
	}
	return false
}

func (s *slice) holds(t time.Time) bool {
	local := t.In(s.loc)
	if !s.days[local.Weekday()] {
		return false
	}
	if len(s.ranges) == 0 {
		return true
	}
	sec := local.Hour()*3600 + local.Minute()*60 + local.Second()
	for _, r := range s.ranges {
		if r[0] <= sec && sec <= r[1] {
			return true
		}
	}
	return false
}

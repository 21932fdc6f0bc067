// Package activity implements Robusta's sink time windows: activity, the
// weekly days and hours a sink takes findings in, and mute_intervals, the
// date ranges it takes none in (src/robusta/core/sinks/timing.py).
//
//	activity:
//	  timezone: Europe/Paris        # default UTC
//	  intervals:
//	  - days: [MON, TUE, WED, THR, FRI]
//	    hours: [{start: "09:00", end: "17:30"}]   # none: the whole day
//	mute_intervals:
//	- {start_date: "2026-12-24 18:00", end_date: "2026-12-27 08:00", timezone: Europe/Paris}
//
// A sink is open at time t when no mute interval holds t and, with
// activity set, one of its intervals does. As in Robusta, hours are
// inclusive at both ends to the second (17:30 holds until 17:30:00),
// mute intervals at both ends to the minute (until 08:00:59), and each is
// read in its own timezone's wall clock. The caller gives t: the engine
// passes its clock (engine.WithClock), so replays and tests decide as the
// recorded run did.
//
// Where this differs from Robusta, it refuses what Robusta silently never
// matches: hours whose start is after their end (Robusta's window is then
// empty; split an overnight window in two), a mute interval that ends
// before it starts, and impossible dates (Robusta accepts 2026-02-30).
// Thursday is Robusta's THR; THU is accepted too. Day names ignore case.
// Time zones come from the tzdata compiled into the binary (time/tzdata),
// since the runner's image has no /usr/share/zoneinfo.
package activity

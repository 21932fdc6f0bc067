package group

import (
	"cmp"
	"slices"
	"time"

	"github.com/robusta-go/robusta/runtime/sink"
)

// group is the state of one group.
type group struct {
	start, last time.Time
	criteria    []string

	window window // regular mode

	// summary mode
	rows map[string]*sink.SummaryRow
	ref  string // the summary message, on a sink.Summarizer; "" until posted
}

// count adds one finding with the by values vals to the table.
func (gr *group) count(vals []string, resolved bool) {
	if gr.rows == nil {
		gr.rows = map[string]*sink.SummaryRow{}
	}
	key := joinKey(vals)
	r := gr.rows[key]
	if r == nil {
		r = &sink.SummaryRow{Values: vals}
		gr.rows[key] = r
	}
	if resolved {
		r.Resolved++
	} else {
		r.Fired++
	}
}

func (gr *group) total() int {
	n := 0
	for _, r := range gr.rows {
		n += r.Fired + r.Resolved
	}
	return n
}

// summary is gr's table as sink.Summary, rows sorted as Summary says.
func (g *grouper) summaryOf(gr *group) *sink.Summary {
	s := &sink.Summary{Criteria: gr.criteria, Headers: g.headers, Start: gr.start, Interval: g.window, Cluster: g.cluster}
	for _, r := range gr.rows {
		s.Rows = append(s.Rows, sink.SummaryRow{Values: slices.Clone(r.Values), Fired: r.Fired, Resolved: r.Resolved})
	}
	slices.SortFunc(s.Rows, func(a, b sink.SummaryRow) int {
		return cmp.Or(cmp.Compare(b.Fired, a.Fired), cmp.Compare(b.Resolved, a.Resolved), slices.Compare(a.Values, b.Values))
	})
	return s
}

// window holds the times of a group's last findings, at most n+1 of them,
// for regular mode's ignore_first n.
type window struct{ times []time.Time }

// add records a finding at now and reports whether the group has had more
// than n findings within the last d, so that this one is sent. Times older
// than d are forgotten first, as Robusta's "now - ts > interval".
func (w *window) add(now time.Time, d time.Duration, n int) bool {
	keep := w.times[:0]
	for _, t := range w.times {
		if now.Sub(t) <= d {
			keep = append(keep, t)
		}
	}
	keep = append(keep, now)
	if len(keep) > n+1 {
		keep = keep[len(keep)-(n+1):]
	}
	w.times = keep
	return len(keep) > n
}

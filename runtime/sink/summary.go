package sink

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Summary is one group's summary in grouping's summary mode: how many
// findings fired and resolved, per value of the by attributes, since
// Start.
type Summary struct {
	// Criteria describe the group: "namespace: prod", "labels: app=web".
	Criteria []string
	// Headers name the by columns ("notification", "severity", "label:app").
	Headers []string
	// Rows are sorted by fired, then resolved (both descending), then by
	// values, so that a cut table drops the quietest rows and the order
	// stays put between updates.
	Rows     []SummaryRow
	Start    time.Time
	Interval time.Duration
	Cluster  string
}

// SummaryRow counts the findings of one combination of by values.
type SummaryRow struct {
	Values          []string
	Fired, Resolved int
}

// Total counts the findings in s.
func (s *Summary) Total() int {
	n := 0
	for _, r := range s.Rows {
		n += r.Fired + r.Resolved
	}
	return n
}

// Summarizer is a sink that shows a group's summary as one message it
// updates in place and threads findings under (Slack). Grouping uses it
// when the sink has it; other sinks get the summary as a finding.
type Summarizer interface {
	// PostSummary posts s as a new message, where first (the group's
	// first finding) would go, and returns a reference to it.
	PostSummary(ctx context.Context, s *Summary, first *api.Finding) (ref string, err error)
	// UpdateSummary replaces the message ref with s.
	UpdateSummary(ctx context.Context, ref string, s *Summary) error
	// WriteReply sends f as a reply in the thread of the message ref.
	WriteReply(ctx context.Context, ref string, f *api.Finding) error
}

// Router is a sink whose destination depends on the finding (Slack's
// channel_override). Grouping keeps destinations apart, so that one
// group's summary and thread live in one channel, as in Robusta.
type Router interface {
	// Route names where f goes; "" when it goes where every finding goes.
	Route(f *api.Finding) string
}

// IntervalText is the interval in words: "1 day", "1 hour 30 minutes".
func (s *Summary) IntervalText() string {
	d := s.Interval.Round(time.Second)
	var parts []string
	for _, u := range []struct {
		name string
		d    time.Duration
	}{{"day", 24 * time.Hour}, {"hour", time.Hour}, {"minute", time.Minute}, {"second", time.Second}} {
		if n := d / u.d; n > 0 {
			d -= n * u.d
			w := fmt.Sprintf("%d %s", n, u.name)
			if n > 1 {
				w += "s"
			}
			parts = append(parts, w)
		}
	}
	if len(parts) == 0 {
		return "0 seconds"
	}
	return strings.Join(parts, " ")
}

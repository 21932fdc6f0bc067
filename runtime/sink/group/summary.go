package group

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/robusta-go/robusta/runtime/api"
)

// summarize counts f in gr and sends what the summary mode says: on a
// sink.Summarizer the summary, posted or updated, and the finding in its
// thread; elsewhere the finding alone when threaded (the summary waits
// for the group's end, see digest).
func (g *grouper) summarize(ctx context.Context, gr *group, f *api.Finding) error {
	vals, _ := g.values(f, g.summary.By)
	gr.count(vals, resolved(f))
	if g.sum == nil {
		if g.threaded {
			return g.inner.Write(ctx, f)
		}
		return nil
	}
	var errs []error
	s := g.summaryOf(gr)
	if gr.ref == "" {
		ref, err := g.sum.PostSummary(ctx, s, f)
		if err != nil {
			errs = append(errs, fmt.Errorf("posting the group's summary: %w", err))
		}
		gr.ref = ref
	} else if err := g.sum.UpdateSummary(ctx, gr.ref, s); err != nil {
		// The next finding updates it again, with every count.
		errs = append(errs, fmt.Errorf("updating the group's summary: %w", err))
	}
	switch {
	case !g.threaded:
	case gr.ref != "":
		errs = append(errs, g.sum.WriteReply(ctx, gr.ref, f))
	default:
		// No summary to reply to: the finding goes out on its own
		// rather than not at all.
		errs = append(errs, g.inner.Write(ctx, f))
	}
	return errors.Join(errs...)
}

// digest is gr's summary as a finding, for a sink that cannot update a
// message: a report whose criteria and counts are tables, so that each
// sink escapes the values (label values are cluster data).
func (g *grouper) digest(gr *group) *api.Finding {
	s := g.summaryOf(gr)
	rows := make([][]string, len(s.Rows))
	for i, r := range s.Rows {
		rows[i] = append(append([]string{}, r.Values...), strconv.Itoa(r.Fired), strconv.Itoa(r.Resolved))
	}
	about := [][]string{
		{"Cluster", show(s.Cluster)},
		{"Time interval", s.IntervalText() + " starting at " + s.Start.UTC().Format("2006-01-02 15:04 UTC")},
	}
	for _, c := range s.Criteria {
		about = append(about, []string{"Matching criteria", c})
	}
	f := &api.Finding{
		Title:          fmt.Sprintf("Alerts Summary - %d Notifications", s.Total()),
		Severity:       api.SeverityInfo,
		Type:           api.TypeReport,
		AggregationKey: "AlertsSummary",
		StartsAt:       s.Start,
		Enrichments: []api.Enrichment{{Blocks: []api.Block{
			api.TableBlock(nil, about),
			api.TableBlock(append(append([]string{}, s.Headers...), "Fired", "Resolved"), rows),
		}}},
	}
	h := sha256.New()
	for _, c := range s.Criteria {
		h.Write([]byte(c + "\x00"))
	}
	h.Write([]byte(s.Start.UTC().String()))
	f.Fingerprint = hex.EncodeToString(h.Sum(nil))
	return f
}

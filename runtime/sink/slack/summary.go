package slack

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

// The sink shows grouping summaries as messages it updates in place
// (chat.update) and threads findings under.
var (
	_ sink.Summarizer = (*Sink)(nil)
	_ sink.Router     = (*Sink)(nil)
)

// summaryRef is what a summary's ref holds: the channel's name (pacing is
// by name), its ID (chat.update wants the ID) and the message's ts.
type summaryRef struct{ channel, id, ts string }

func (r summaryRef) String() string { return r.channel + "\n" + r.id + "\n" + r.ts }

func parseRef(ref string) (summaryRef, error) {
	p := strings.Split(ref, "\n")
	if len(p) != 3 || p[1] == "" || p[2] == "" {
		return summaryRef{}, fmt.Errorf("slack_sink: %q is not a summary reference", ref)
	}
	return summaryRef{p[0], p[1], p[2]}, nil
}

// Route is the channel f goes to when channel_override may send findings
// to different channels, so that grouping keeps them apart.
func (s *Sink) Route(f *api.Finding) string {
	if s.override == "" {
		return ""
	}
	return s.channelFor(f)
}

// PostSummary posts sum into the channel first goes to.
func (s *Sink) PostSummary(ctx context.Context, sum *sink.Summary, first *api.Finding) (string, error) {
	channel := s.channelFor(first)
	id, ts, err := s.post(ctx, channel, "", summaryMessage(sum))
	if err != nil {
		return "", err
	}
	return summaryRef{channel, id, ts}.String(), nil
}

// UpdateSummary rewrites the summary message ref with sum.
func (s *Sink) UpdateSummary(ctx context.Context, ref string, sum *sink.Summary) error {
	r, err := parseRef(ref)
	if err != nil {
		return err
	}
	m := summaryMessage(sum)
	return s.do(ctx, call{method: "chat.update", channel: r.channel, paced: true}, func(ctx context.Context) error {
		_, _, _, err := s.client.UpdateMessageContext(ctx, r.id, r.ts, slack.MsgOptionText(m.text, false), slack.MsgOptionBlocks(m.blocks...))
		return err
	})
}

// WriteReply posts f, its continuations and files into the summary's
// thread.
func (s *Sink) WriteReply(ctx context.Context, ref string, f *api.Finding) error {
	r, err := parseRef(ref)
	if err != nil {
		return err
	}
	return s.write(ctx, r.channel, r.id, r.ts, f)
}

// summaryMessage lays sum out as Robusta's summary: a title with the
// count, the cluster, the criteria, the interval (a Slack date, shown in
// each reader's time zone) and the table in a code block. Values are
// cluster data and are escaped.
func summaryMessage(sum *sink.Summary) message {
	title := fmt.Sprintf("Alerts Summary - %d Notifications", sum.Total())
	crit := make([]string, len(sum.Criteria))
	for i, c := range sum.Criteria {
		crit[i] = "`" + escape(c) + "`"
	}
	start := sum.Start.UTC()
	blocks := []slack.Block{
		section("*" + title + "*"),
		section("*Cluster:* `" + escape(sum.Cluster) + "`"),
		section("*Matching criteria*: " + strings.Join(crit, ", ")),
		section(fmt.Sprintf("*Time interval:* `%s` starting at `<!date^%d^{date_num} {time}|%s>`",
			sum.IntervalText(), start.Unix(), start.Format("2006-01-02 15:04 UTC"))),
		section(summaryTable(sum, maxSectionText-8)),
	}
	return message{text: title, blocks: blocks}
}

// summaryTable is the table as aligned text in a code block, under limit
// characters: rows that do not fit (the quietest, as the rows are sorted)
// are counted in a last line, so that the numbers still add up.
func summaryTable(sum *sink.Summary, limit int) string {
	headers := append(append([]string{}, sum.Headers...), "Fired", "Resolved")
	rows := make([][]string, len(sum.Rows))
	for i, r := range sum.Rows {
		rows[i] = append(append([]string{}, r.Values...), strconv.Itoa(r.Fired), strconv.Itoa(r.Resolved))
	}
	text := func(n int) string {
		t := "```\n" + escape(string(tableText(api.Table{Headers: headers, Rows: rows[:n]})))
		if n < len(rows) {
			fired, resolved := 0, 0
			for _, r := range sum.Rows[n:] {
				fired, resolved = fired+r.Fired, resolved+r.Resolved
			}
			t += fmt.Sprintf("... %d more groups (%d fired, %d resolved) not shown\n", len(rows)-n, fired, resolved)
		}
		return t + "```"
	}
	if t := text(len(rows)); width(t) <= limit {
		return t
	}
	// The most rows that fit, found by halving: a table can have
	// thousands, and each try lays the table out again.
	lo, hi := 0, len(rows) // text(lo) is the answer unless it is 0 rows and still too long
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if width(text(mid)) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return text(lo)
}

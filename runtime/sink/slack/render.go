package slack

import (
	"reflect"
	"strings"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
)

// rendered is a finding in Block Kit: a head (header and context line) that
// opens the first message, a body that fills the coloured attachments of
// that message and its thread continuations, and files for the thread.
type rendered struct {
	text    string // the notification text
	color   string // the attachment bar
	head    []slack.Block
	body    []slack.Block
	files   []upload
	skipped []string // block types slack_sink cannot show
}

// upload is a file for the external upload flow.
type upload struct {
	name string
	data []byte
}

// style is how a severity shows: an emoji in the header and notification,
// a colour on the attachment bar.
type style struct{ emoji, color string }

var styles = map[api.Severity]style{
	api.SeverityHigh:  {"🔴", "#D32F2F"},
	api.SeverityLow:   {"🟡", "#FBC02D"},
	api.SeverityInfo:  {"🟢", "#388E3C"},
	api.SeverityDebug: {"🔵", "#1E88E5"},
}

// render turns f into Block Kit. cluster names the cluster in the context
// line.
func render(f *api.Finding, cluster string) *rendered {
	st, ok := styles[f.Severity]
	if !ok {
		st = styles[api.SeverityInfo]
	}
	title := strings.TrimSpace(f.Title)
	if title == "" {
		title = "Finding"
	}
	// The title and description are data (an alert's summary and
	// description, a template filled from an object): escaped, so that an
	// alert cannot ping the channel with <!channel>. The notification text is
	// mrkdwn; the header is plain_text, which Slack does not parse.
	r := &rendered{text: st.emoji + " " + escape(title), color: st.color}
	r.head = []slack.Block{header(st.emoji + " " + title), contextLine(f, cluster)}
	r.body = append(r.body, sections(escape(f.Description))...)
	r.body = append(r.body, sections(links(f.Links))...)
	for _, e := range f.Enrichments {
		if t := strings.TrimSpace(e.Title); t != "" {
			r.body = append(r.body, section("*"+escape(t)+"*"))
		}
		for _, b := range e.Blocks {
			r.add(b)
		}
	}
	return r
}

// add renders one block: into the body, or as a file for the thread.
func (r *rendered) add(b api.Block) {
	switch b := deref(b).(type) {
	case api.Markdown:
		r.body = append(r.body, sections(b.Text)...)
	case api.Header:
		if t := strings.TrimSpace(b.Text); t != "" {
			r.body = append(r.body, header(t))
		}
	case api.Divider:
		r.body = append(r.body, slack.NewDividerBlock())
	case api.List:
		r.body = append(r.body, sections(bullets(b.Items))...)
	case api.Links:
		r.body = append(r.body, sections(links(b.Links))...)
	case api.Table:
		r.table(b)
	case api.KubernetesDiff:
		r.body = append(r.body, diff(b)...)
	case api.JSON:
		r.json(b)
	case api.File:
		r.files = append(r.files, upload{name: b.Name, data: b.Contents})
	default:
		r.skipped = append(r.skipped, b.BlockType())
	}
}

// deref lets blocks added by pointer render like values.
func deref(b api.Block) api.Block {
	if v := reflect.ValueOf(b); v.Kind() == reflect.Pointer && !v.IsNil() {
		if e, ok := v.Elem().Interface().(api.Block); ok {
			return e
		}
	}
	return b
}

func header(text string) slack.Block {
	return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, truncate(text, maxHeaderText), true, false))
}

func section(text string) slack.Block {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil)
}

// sections renders mrkdwn text as sections that each fit Slack's limit,
// broken between lines.
func sections(text string) []slack.Block {
	var out []slack.Block
	for _, c := range splitLines(text, maxSectionText) {
		if strings.TrimSpace(c) != "" {
			out = append(out, section(c))
		}
	}
	return out
}

// contextLine shows the severity, the subject and the cluster.
func contextLine(f *api.Finding, cluster string) slack.Block {
	parts := []string{"*" + f.Severity.String() + "*"}
	s := f.Subject
	name := s.Name
	if s.Namespace != "" && name != "" {
		name = s.Namespace + "/" + name
	}
	switch {
	case name != "" && s.Kind != "":
		parts = append(parts, escape(s.Kind)+" `"+escape(name)+"`")
	case name != "":
		parts = append(parts, "`"+escape(name)+"`")
	}
	if s.Node != "" {
		parts = append(parts, "node `"+escape(s.Node)+"`")
	}
	if cluster != "" {
		parts = append(parts, "cluster `"+escape(cluster)+"`")
	}
	elems := make([]slack.MixedElement, 0, len(parts))
	for _, p := range parts[:min(len(parts), maxContextElts)] {
		elems = append(elems, slack.NewTextBlockObject(slack.MarkdownType, p, false, false))
	}
	return slack.NewContextBlock("", elems...)
}

package slack

import (
	"bytes"
	"strings"
	"text/tabwriter"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
)

// tableColumnsLimit is Robusta's SLACK_TABLE_COLUMNS_LIMIT: tables with
// more columns go to the thread as an aligned text file.
const tableColumnsLimit = 3

// table renders a narrow table as section fields and a wide one as a file.
func (r *rendered) table(t api.Table) {
	cols := len(t.Headers)
	for _, row := range t.Rows {
		cols = max(cols, len(row))
	}
	if cols > tableColumnsLimit {
		r.files = append(r.files, upload{name: fileName(t.Name, "table") + ".txt", data: tableText(t)})
		return
	}
	if name := strings.TrimSpace(t.Name); name != "" {
		r.body = append(r.body, section("*"+escape(name)+"*"))
	}
	r.body = append(r.body, fieldSections(tableFields(t, cols))...)
}

// tableFields lays a narrow table out in Slack's two-up field grid. A
// two-column table keeps its shape: one field per cell, the headers in
// bold on top. Other tables get one field per row, each cell on its own
// line after its header.
func tableFields(t api.Table, cols int) []string {
	cell := func(row []string, i int) string {
		if i < len(row) && strings.TrimSpace(row[i]) != "" {
			return escape(row[i])
		}
		return "-"
	}
	var fields []string
	if cols == 2 {
		if len(t.Headers) > 0 {
			fields = append(fields, "*"+cell(t.Headers, 0)+"*", "*"+cell(t.Headers, 1)+"*")
		}
		for _, row := range t.Rows {
			fields = append(fields, cell(row, 0), cell(row, 1))
		}
		return fields
	}
	for _, row := range t.Rows {
		lines := make([]string, cols)
		for i := range cols {
			lines[i] = cell(row, i)
			if i < len(t.Headers) {
				lines[i] = "*" + escape(t.Headers[i]) + ":* " + lines[i]
			}
		}
		fields = append(fields, strings.Join(lines, "\n"))
	}
	return fields
}

// fieldSections packs fields into sections of at most ten fields and one
// section's worth of text.
func fieldSections(fields []string) []slack.Block {
	var (
		out []slack.Block
		cur []*slack.TextBlockObject
		w   int
	)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, slack.NewSectionBlock(nil, cur, nil))
		}
		cur, w = nil, 0
	}
	for _, f := range fields {
		f = truncate(f, maxFieldText)
		// Two-column tables keep cells paired: break only at even counts.
		if len(cur) == maxFields || (w+width(f) > maxSectionText && len(cur)%2 == 0 && len(cur) > 0) {
			flush()
		}
		cur = append(cur, slack.NewTextBlockObject(slack.MarkdownType, f, false, false))
		w += width(f)
	}
	flush()
	return out
}

// tableText is the table as aligned plain text, its name on top.
func tableText(t api.Table) []byte {
	var buf bytes.Buffer
	if t.Name != "" {
		buf.WriteString(t.Name + "\n\n")
	}
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	row := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				tw.Write([]byte{'\t'})
			}
			tw.Write([]byte(strings.NewReplacer("\t", " ", "\n", " ").Replace(c)))
		}
		tw.Write([]byte{'\n'})
	}
	if len(t.Headers) > 0 {
		row(t.Headers)
	}
	for _, r := range t.Rows {
		row(r)
	}
	tw.Flush()
	return buf.Bytes()
}

// fileName makes s safe as a file name, or returns def.
func fileName(s, def string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '.':
			return r
		}
		return '_'
	}, strings.TrimSpace(s))
	if strings.Trim(s, "_.") == "" {
		return def
	}
	return s
}

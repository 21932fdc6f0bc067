package msteams

import (
	"fmt"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// Container styles per severity; resolved is "good".
var styles = map[api.Severity]string{
	api.SeverityHigh:  "attention",
	api.SeverityLow:   "warning",
	api.SeverityInfo:  "accent",
	api.SeverityDebug: "accent",
}

const (
	tableRowsPerPart = 40
	textTailBytes    = 4000
)

// dialect is the markdown a TextBlock renders: no code, no strike.
var dialect = chat.Dialect{
	Bold:      func(s string) string { return "**" + s + "**" },
	Italic:    func(s string) string { return "_" + s + "_" },
	Strike:    func(s string) string { return s },
	Code:      func(s string) string { return s },
	CodeBlock: func(s string) string { return "\n\n" + s + "\n\n" },
	Link: func(u, t string) string {
		if t == "" {
			t = u
		}
		return "[" + t + "](" + urlEscape.Replace(u) + ")"
	},
	Text: func(s string) string { return s },
}

var urlEscape = strings.NewReplacer(" ", "%20", ")", "%29")

func convert(s string) string { return chat.Convert(s, dialect) }

// renderer collects a finding's card elements, in order.
type renderer struct {
	sendFiles bool
	body      []element
	skipped   []string
	separate  bool // the next element draws a separator (after a divider)
}

// title is Robusta's title line for f.
func title(f *api.Finding) string {
	resolved, t := chat.Status(f)
	if t == "" {
		t = "Finding"
	}
	return fmt.Sprintf("%s %s - %s %s - **%s**", chat.StatusEmoji(resolved), chat.StatusName(resolved),
		chat.SeverityEmoji(f.Severity), f.Severity, t)
}

// render turns f into card elements: a styled head container, then each
// enrichment.
func render(f *api.Finding, cluster string, sendFiles bool) ([]element, []string) {
	resolved, _ := chat.Status(f)
	style := styles[f.Severity]
	if resolved {
		style = "good"
	}
	head := element{Type: "Container", Style: style, Bleed: true, Items: []element{
		{Type: "TextBlock", Text: title(f), Wrap: true, Size: "Large", Weight: "Bolder"},
	}}
	var facts []fact
	for _, kv := range [][2]string{{"Cluster", cluster}, {"Subject", chat.Subject(f.Subject)}, {"Node", f.Subject.Node}} {
		if kv[1] != "" {
			facts = append(facts, fact{Title: kv[0], Value: kv[1]})
		}
	}
	if len(facts) > 0 {
		head.Items = append(head.Items, element{Type: "FactSet", Facts: facts})
	}
	r := &renderer{sendFiles: sendFiles, body: []element{head}}
	if d := strings.TrimSpace(f.Description); d != "" {
		r.add(textBlock(d))
	}
	r.links(f.Links)
	for _, e := range f.Enrichments {
		if t := strings.TrimSpace(e.Title); t != "" {
			r.add(element{Type: "TextBlock", Text: t, Wrap: true, Weight: "Bolder", Size: "Medium", Separator: true, Spacing: "Large"})
		} else {
			r.separate = true
		}
		for _, b := range e.Blocks {
			r.block(b)
		}
	}
	return r.body, r.skipped
}

func (r *renderer) add(e element) {
	if r.separate {
		e.Separator, r.separate = true, false
	}
	r.body = append(r.body, e)
}

func (r *renderer) links(ls []api.Link) {
	var acts []action
	for _, l := range ls {
		name := strings.TrimSpace(l.Name)
		if name == "" {
			name = l.URL
		}
		acts = append(acts, action{Type: "Action.OpenUrl", Title: name, URL: l.URL})
	}
	if len(acts) > 0 {
		r.add(element{Type: "ActionSet", Actions: acts})
	}
}

func (r *renderer) block(b api.Block) {
	switch b := b.(type) {
	case api.Markdown:
		if strings.TrimSpace(b.Text) != "" {
			r.add(textBlock(convert(b.Text)))
		}
	case api.Header:
		r.add(element{Type: "TextBlock", Text: b.Text, Wrap: true, Size: "Large", Weight: "Bolder"})
	case api.Divider:
		r.separate = true
	case api.List:
		items := make([]string, len(b.Items))
		for i, it := range b.Items {
			items[i] = "- " + convert(it)
		}
		r.add(textBlock(strings.Join(items, "\n")))
	case api.Links:
		r.links(b.Links)
	case api.Table:
		r.table(b)
	case api.KubernetesDiff:
		r.add(element{Type: "TextBlock", Text: chat.DiffTitle(b), Wrap: true, Weight: "Bolder"})
		var runs []textRun
		for _, x := range b.Diffs {
			if x.Old != "" {
				runs = append(runs, textRun{Text: "- " + x.Path + ": " + x.Old + "\n", Color: "Attention"})
			}
			if x.New != "" {
				runs = append(runs, textRun{Text: "+ " + x.Path + ": " + x.New + "\n", Color: "Good"})
			}
		}
		if len(runs) > 0 {
			r.add(monospace(runs...))
		}
	case api.JSON:
		pretty := chat.IndentJSON(b.Data)
		r.add(monospace(textRun{Text: pretty}))
	case api.File:
		r.file(b)
	default:
		r.skipped = append(r.skipped, b.BlockType())
	}
}

// table is a FactSet when it has two columns, else Tables of at most
// tableRowsPerPart rows, each with the header row.
func (r *renderer) table(t api.Table) {
	if name := strings.TrimSpace(t.Name); name != "" {
		r.add(element{Type: "TextBlock", Text: name, Wrap: true, Weight: "Bolder"})
	}
	cols := chat.Columns(t)
	cell := func(row []string, i int) string {
		if i < len(row) {
			return row[i]
		}
		return ""
	}
	if cols == 2 {
		facts := make([]fact, 0, len(t.Rows))
		for _, row := range t.Rows {
			facts = append(facts, fact{Title: cell(row, 0), Value: cell(row, 1)})
		}
		r.add(element{Type: "FactSet", Facts: facts})
		return
	}
	mkRow := func(cells []string, bold bool) tableRow {
		row := tableRow{Type: "TableRow"}
		for i := range cols {
			tb := textBlock(cell(cells, i))
			if bold {
				tb.Weight = "Bolder"
			}
			row.Cells = append(row.Cells, tableCell{Type: "TableCell", Items: []element{tb}})
		}
		return row
	}
	columns := make([]tableColumn, cols)
	for i := range columns {
		columns[i].Width = 1
	}
	for start := 0; start < len(t.Rows) || start == 0; start += tableRowsPerPart {
		part := element{Type: "Table", Columns: columns, GridStyle: "accent"}
		if len(t.Headers) > 0 {
			part.Rows = append(part.Rows, mkRow(t.Headers, true))
			part.FirstRowAsHeader = true
		}
		for _, row := range t.Rows[start:min(start+tableRowsPerPart, len(t.Rows))] {
			part.Rows = append(part.Rows, mkRow(row, false))
		}
		r.add(part)
		if len(t.Rows) == 0 {
			break
		}
	}
}

package googlechat

import (
	"fmt"
	"html"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// Severity colours, as slack_sink's bar; resolved is green.
var colors = map[api.Severity]string{
	api.SeverityHigh:  "#D32F2F",
	api.SeverityLow:   "#FBC02D",
	api.SeverityInfo:  "#388E3C",
	api.SeverityDebug: "#1E88E5",
}

const (
	maxTitle      = 250 // runes of the title in the header
	resolvedColor = "#388E3C"
	removedColor  = "#D32F2F"
	addedColor    = "#388E3C"
)

// escape makes data literal in card text; newlines become <br>.
func escape(s string) string { return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>") }

// dialect is the HTML subset of card text.
var dialect = chat.Dialect{
	Bold:      func(s string) string { return "<b>" + s + "</b>" },
	Italic:    func(s string) string { return "<i>" + s + "</i>" },
	Strike:    func(s string) string { return "<s>" + s + "</s>" },
	Code:      escape,
	CodeBlock: func(s string) string { return "<br>" + escape(s) + "<br>" },
	Link: func(u, t string) string {
		if t == "" {
			t = html.EscapeString(u)
		}
		return `<a href="` + html.EscapeString(u) + `">` + t + "</a>"
	},
	Text: escape,
}

func convert(s string) string { return chat.Convert(s, dialect) }

// title is Robusta's title line, as plain text for the card header.
func title(f *api.Finding) string {
	resolved, t := chat.Status(f)
	if t == "" {
		t = "Finding"
	}
	if r := []rune(t); len(r) > maxTitle {
		t = string(r[:maxTitle-1]) + "…"
	}
	return fmt.Sprintf("%s %s - %s %s - %s", chat.StatusEmoji(resolved), chat.StatusName(resolved), chat.SeverityEmoji(f.Severity), f.Severity, t)
}

// render turns f into its header and sections.
func render(f *api.Finding, cluster string) (header, []section, []string) {
	resolved, _ := chat.Status(f)
	h := header{Title: title(f)}
	var sub []string
	if s := chat.Subject(f.Subject); s != "" {
		sub = append(sub, s)
	}
	if cluster != "" {
		sub = append(sub, "cluster "+cluster)
	}
	h.Subtitle = strings.Join(sub, " · ")
	color := colors[f.Severity]
	if resolved {
		color = resolvedColor
	}
	first := section{Widgets: []widget{{DecoratedText: &decoratedText{TopLabel: "Severity",
		Text: fmt.Sprintf(`<font color="%s"><b>%s</b></font>`, color, f.Severity), StartIcon: &icon{KnownIcon: "BOOKMARK"}}}}}
	if f.Subject.Node != "" {
		first.Widgets = append(first.Widgets, widget{DecoratedText: &decoratedText{TopLabel: "Node", Text: escape(f.Subject.Node)}})
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		first.Widgets = append(first.Widgets, paragraph(escape(d)))
	}
	if w, ok := buttons(f.Links); ok {
		first.Widgets = append(first.Widgets, w)
	}
	sections := []section{first}
	var skipped []string
	for _, e := range f.Enrichments {
		s := section{Header: escape(strings.TrimSpace(e.Title))}
		for _, b := range e.Blocks {
			ws, ok := blockWidgets(b)
			if !ok {
				skipped = append(skipped, b.BlockType())
			}
			s.Widgets = append(s.Widgets, ws...)
		}
		if len(s.Widgets) > 0 {
			sections = append(sections, s)
		}
	}
	return h, sections, skipped
}

func buttons(ls []api.Link) (widget, bool) {
	var bs []button
	for _, l := range ls {
		name := strings.TrimSpace(l.Name)
		if name == "" {
			name = l.URL
		}
		bs = append(bs, button{Text: name, OnClick: onClick{OpenLink: openLink{URL: l.URL}}})
	}
	return widget{ButtonList: &buttonList{Buttons: bs}}, len(bs) > 0
}

// blockWidgets renders one block; false for a type it cannot show.
func blockWidgets(b api.Block) ([]widget, bool) {
	switch b := b.(type) {
	case api.Markdown:
		if strings.TrimSpace(b.Text) == "" {
			return nil, true
		}
		return []widget{paragraph(convert(b.Text))}, true
	case api.Header:
		return []widget{paragraph("<b>" + escape(b.Text) + "</b>")}, true
	case api.Divider:
		return []widget{{Divider: &struct{}{}}}, true
	case api.List:
		items := make([]string, len(b.Items))
		for i, it := range b.Items {
			items[i] = "• " + convert(it)
		}
		return []widget{paragraph(strings.Join(items, "<br>"))}, true
	case api.Links:
		w, ok := buttons(b.Links)
		if !ok {
			return nil, true
		}
		return []widget{w}, true
	case api.Table:
		return table(b), true
	case api.KubernetesDiff:
		var lines []string
		for _, x := range b.Diffs {
			if x.Old != "" {
				lines = append(lines, `<font color="`+removedColor+`">- `+escape(x.Path+": "+x.Old)+"</font>")
			}
			if x.New != "" {
				lines = append(lines, `<font color="`+addedColor+`">+ `+escape(x.Path+": "+x.New)+"</font>")
			}
		}
		ws := []widget{paragraph("<b>" + escape(chat.DiffTitle(b)) + "</b>")}
		if len(lines) > 0 {
			ws = append(ws, paragraph(strings.Join(lines, "<br>")))
		}
		return ws, true
	case api.JSON:
		pretty := chat.IndentJSON(b.Data)
		return []widget{paragraph(escape(pretty))}, true
	case api.File:
		return []widget{{DecoratedText: &decoratedText{StartIcon: &icon{KnownIcon: "DESCRIPTION"}, WrapText: true,
			Text:        escape(fmt.Sprintf("%s (%d bytes)", b.Name, len(b.Contents))),
			BottomLabel: "Not attached: Google Chat webhooks take no files"}}}, true
	}
	return nil, false
}

// table is one decoratedText per row: the first cell on top, the rest as
// the text ("header: value" pairs when there are more than two columns).
func table(t api.Table) []widget {
	var ws []widget
	if name := strings.TrimSpace(t.Name); name != "" {
		ws = append(ws, paragraph("<b>"+escape(name)+"</b>"))
	}
	cols := chat.Columns(t)
	cell := func(row []string, i int) string {
		if i < len(row) {
			return row[i]
		}
		return ""
	}
	for _, row := range t.Rows {
		dt := &decoratedText{TopLabel: escape(cell(row, 0)), WrapText: true}
		if len(t.Headers) > 0 && cols > 2 {
			dt.TopLabel = escape(cell(t.Headers, 0) + ": " + cell(row, 0))
		}
		switch {
		case cols <= 1:
			dt.TopLabel, dt.Text = "", escape(cell(row, 0))
		case cols == 2:
			dt.Text = escape(cell(row, 1))
		default:
			var parts []string
			for i := 1; i < cols; i++ {
				v := escape(cell(row, i))
				if h := cell(t.Headers, i); h != "" {
					v = "<b>" + escape(h) + ":</b> " + v
				}
				parts = append(parts, v)
			}
			dt.Text = strings.Join(parts, " · ")
		}
		ws = append(ws, widget{DecoratedText: dt})
	}
	return ws
}

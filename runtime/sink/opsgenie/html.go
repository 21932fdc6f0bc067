package opsgenie

import (
	"cmp"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// dialect writes Slack mrkdwn as the HTML Opsgenie's alert view renders.
var dialect = chat.Dialect{
	Bold:      func(s string) string { return "<b>" + s + "</b>" },
	Italic:    func(s string) string { return "<i>" + s + "</i>" },
	Strike:    func(s string) string { return "<s>" + s + "</s>" },
	Code:      func(s string) string { return "<code>" + html.EscapeString(s) + "</code>" },
	CodeBlock: func(s string) string { return "<pre>" + html.EscapeString(s) + "</pre>" },
	Link:      link,
	Text:      html.EscapeString,
}

// link takes text already escaped, as a Dialect's Link does.
func link(u, text string) string {
	if text == "" {
		text = html.EscapeString(u)
	}
	return `<a href="` + html.EscapeString(u) + `">` + text + "</a>"
}

// description is f as HTML: its links, its description, then each
// enrichment (separated by a rule, as Robusta does) as long as it fits.
// A piece that does not fit is left out whole, and so is every piece after
// it, so that the order of what is shown is the finding's.
func description(f *api.Finding) string {
	var pieces []string
	if l := links(f.Links); l != "" {
		pieces = append(pieces, "<p>"+l+"</p>")
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		pieces = append(pieces, "<p>"+strings.ReplaceAll(html.EscapeString(d), "\n", "<br>")+"</p>")
	}
	for i, e := range f.Enrichments {
		if i > 0 || len(pieces) > 0 {
			pieces = append(pieces, "<hr>")
		}
		if t := strings.TrimSpace(e.Title); t != "" {
			pieces = append(pieces, "<p><b>"+html.EscapeString(t)+"</b></p>")
		}
		for _, b := range e.Blocks {
			if h := block(b); h != "" {
				pieces = append(pieces, h)
			}
		}
	}
	var out strings.Builder
	size := 0
	for i, p := range pieces {
		n := utf8.RuneCountInString(p) + 1
		if size+n > maxDescription-len(leftOutNote) {
			fmt.Fprintf(&out, leftOutNote, len(pieces)-i)
			break
		}
		out.WriteString(p + "\n")
		size += n
	}
	return strings.TrimSuffix(out.String(), "\n")
}

// leftOutNote ends a description cut short; its %d fits in its length.
const leftOutNote = "<p><i>%d more parts left out: Opsgenie takes 15,000 characters.</i></p>"

// block renders one block; "" for an unknown type.
func block(b api.Block) string {
	switch v := b.(type) {
	case api.Markdown:
		if strings.TrimSpace(v.Text) == "" {
			return ""
		}
		return "<p>" + strings.ReplaceAll(chat.Convert(v.Text, dialect), "\n", "<br>") + "</p>"
	case api.Header:
		return "<p><b>" + html.EscapeString(v.Text) + "</b></p>"
	case api.Divider:
		return "<hr>"
	case api.List:
		var s strings.Builder
		s.WriteString("<ul>")
		for _, it := range v.Items {
			s.WriteString("<li>" + chat.Convert(it, dialect) + "</li>")
		}
		return s.String() + "</ul>"
	case api.Links:
		if l := links(v.Links); l != "" {
			return "<p>" + l + "</p>"
		}
	case api.Table:
		return table(v)
	case api.JSON:
		pretty := chat.IndentJSON(v.Data)
		return "<pre>" + html.EscapeString(pretty) + "</pre>"
	case api.KubernetesDiff:
		lines := chat.DiffLines(v)
		for i, l := range lines {
			lines[i] = html.EscapeString(l)
		}
		return "<p><b>" + html.EscapeString(chat.DiffTitle(v)) + "</b></p><pre>" + strings.Join(lines, "\n") + "</pre>"
	case api.File:
		return fmt.Sprintf("<p>📎 %s (%d bytes, not attached)</p>", html.EscapeString(v.Name), len(v.Contents))
	}
	return ""
}

func table(t api.Table) string {
	var s strings.Builder
	if n := strings.TrimSpace(t.Name); n != "" {
		s.WriteString("<p><b>" + html.EscapeString(n) + "</b></p>")
	}
	s.WriteString("<table>")
	row := func(tag string, cells []string) {
		s.WriteString("<tr>")
		for _, c := range cells {
			s.WriteString("<" + tag + ">" + html.EscapeString(c) + "</" + tag + ">")
		}
		s.WriteString("</tr>")
	}
	if len(t.Headers) > 0 {
		row("th", t.Headers)
	}
	for _, r := range t.Rows {
		row("td", r)
	}
	return s.String() + "</table>"
}

func links(ls []api.Link) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		if l.URL == "" {
			continue
		}
		parts = append(parts, link(l.URL, html.EscapeString(cmp.Or(strings.TrimSpace(l.Name), l.URL))))
	}
	return strings.Join(parts, " · ")
}

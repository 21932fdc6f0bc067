package mail

import (
	"fmt"
	"html"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// Robusta's Emojis.Alert and Emojis.K8Notification, before the description.
const (
	alertEmoji = "🚨"
	k8sEmoji   = "👀"
)

// Severity colours of the header's left border, as the chat sinks use.
var colors = map[api.Severity]string{
	api.SeverityHigh: "#DD3044", api.SeverityLow: "#FDCC58", api.SeverityInfo: "#78B159", api.SeverityDebug: "#1E88E5",
}

// Inline styles: mail clients drop <style> (Gmail's apps, Outlook) far
// more often than style attributes.
const (
	styleTable = `style="border-collapse:collapse;margin:8px 0;font-size:13px"`
	styleCell  = `style="border:1px solid #ddd;padding:4px 8px;text-align:left"`
	styleHead  = `style="border:1px solid #ddd;padding:4px 8px;text-align:left;background:#f4f4f4"`
	stylePre   = `style="background:#f6f8fa;padding:8px;font-family:monospace;font-size:12px;white-space:pre-wrap"`
	styleDel   = `style="background:#ffebe9;color:#82071e"`
	styleAdd   = `style="background:#dafbe1;color:#116329"`
)

// content is a finding as mail: subject, both bodies, attachments.
type content struct {
	subject     string
	html, text  string
	attachments []attachment
	skipped     []string
}

type attachment struct {
	name string
	data []byte
}

// htmlDialect writes mrkdwn as HTML.
var htmlDialect = chat.Dialect{
	Bold:      func(s string) string { return "<b>" + s + "</b>" },
	Italic:    func(s string) string { return "<i>" + s + "</i>" },
	Strike:    func(s string) string { return "<s>" + s + "</s>" },
	Code:      func(s string) string { return "<code>" + html.EscapeString(s) + "</code>" },
	CodeBlock: func(s string) string { return "<pre " + stylePre + ">" + html.EscapeString(s) + "</pre>" },
	Link:      htmlLink,
	Text:      html.EscapeString,
}

// textDialect writes mrkdwn as plain text: markup dropped, links as
// "text (url)".
var textDialect = chat.Dialect{
	Bold: ident, Italic: ident, Strike: ident, Code: ident,
	CodeBlock: func(s string) string { return "\n" + s + "\n" },
	Link: func(u, t string) string {
		if t == "" || t == u {
			return u
		}
		return t + " (" + u + ")"
	},
	Text: ident,
}

func ident(s string) string { return s }

func htmlLink(u, text string) string {
	if text == "" {
		text = html.EscapeString(u)
	}
	return `<a href="` + html.EscapeString(u) + `">` + text + "</a>"
}

// render builds the mail for f. withHeader adds Robusta's header lines.
func render(f *api.Finding, cluster string, withHeader bool) content {
	resolved, title := chat.Status(f)
	if title == "" {
		title = "Finding"
	}
	c := content{subject: strings.TrimSpace(f.Title)}
	if c.subject == "" {
		c.subject = title
	}
	var h, t strings.Builder
	color := colors[f.Severity]
	if resolved {
		color = "#00B302"
	}
	if color == "" {
		color = colors[api.SeverityInfo]
	}
	if withHeader {
		status := "Firing"
		if resolved {
			status = "Resolved"
		}
		fmt.Fprintf(&h, `<div style="border-left:4px solid %s;padding-left:8px"><h2 style="margin:0">%s %s %s %s · %s</h2>`,
			color, chat.StatusEmoji(resolved), status, chat.SeverityEmoji(f.Severity), html.EscapeString(strings.ToLower(f.Severity.String())), html.EscapeString(title))
		fmt.Fprintf(&t, "%s %s %s %s · %s\n", chat.StatusEmoji(resolved), status, chat.SeverityEmoji(f.Severity), strings.ToLower(f.Severity.String()), title)
		if len(f.Links) > 0 {
			h.WriteString("<p>" + htmlLinks(f.Links) + "</p>")
			t.WriteString(textLinks(f.Links) + "\n")
		}
		if cluster != "" {
			h.WriteString("<p><b>Source:</b> <code>" + html.EscapeString(cluster) + "</code></p>")
			t.WriteString("Source: " + cluster + "\n")
		}
		if s := chat.Subject(f.Subject); s != "" {
			h.WriteString("<p><b>Subject:</b> <code>" + html.EscapeString(s) + "</code></p>")
			t.WriteString("Subject: " + s + "\n")
		}
		h.WriteString("</div>\n")
		t.WriteString("\n")
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		emoji, what := k8sEmoji, "Notification"
		switch f.Source {
		case api.SourcePrometheus:
			emoji, what = alertEmoji, "Alert"
		case api.SourceKubernetesAPI:
			what = "K8s event detected"
		}
		h.WriteString("<p>" + emoji + " <b>" + what + ":</b> " + strings.ReplaceAll(html.EscapeString(d), "\n", "<br>") + "</p>\n")
		t.WriteString(emoji + " " + what + ": " + d + "\n\n")
	}
	for _, e := range f.Enrichments {
		if title := strings.TrimSpace(e.Title); title != "" {
			h.WriteString("<h3>" + html.EscapeString(title) + "</h3>\n")
			t.WriteString(title + "\n" + strings.Repeat("=", min(len([]rune(title)), 72)) + "\n")
		}
		for _, b := range e.Blocks {
			c.add(&h, &t, b)
		}
	}
	c.html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n<body style=\"font-family:sans-serif;font-size:14px\">\n" + h.String() + "</body></html>\n"
	c.text = strings.TrimRight(t.String(), "\n") + "\n"
	return c
}

// add renders one block into both bodies.
func (c *content) add(h, t *strings.Builder, b api.Block) {
	switch b := b.(type) {
	case api.Markdown:
		h.WriteString("<p>" + strings.ReplaceAll(chat.Convert(b.Text, htmlDialect), "\n", "<br>") + "</p>\n")
		t.WriteString(chat.Convert(b.Text, textDialect) + "\n\n")
	case api.Header:
		h.WriteString("<h4>" + html.EscapeString(b.Text) + "</h4>\n")
		t.WriteString(strings.ToUpper(b.Text) + "\n\n")
	case api.Divider:
		h.WriteString("<hr>\n")
		t.WriteString(strings.Repeat("-", 40) + "\n\n")
	case api.List:
		h.WriteString("<ul>")
		for _, it := range b.Items {
			h.WriteString("<li>" + chat.Convert(it, htmlDialect) + "</li>")
			t.WriteString("- " + chat.Convert(it, textDialect) + "\n")
		}
		h.WriteString("</ul>\n")
		t.WriteString("\n")
	case api.Links:
		h.WriteString("<p>" + htmlLinks(b.Links) + "</p>\n")
		t.WriteString(textLinks(b.Links) + "\n\n")
	case api.Table:
		htmlTable(h, b)
		if name := strings.TrimSpace(b.Name); name != "" {
			t.WriteString(name + ":\n")
		}
		t.WriteString(chat.TableText(b) + "\n\n")
	case api.KubernetesDiff:
		title := chat.DiffTitle(b)
		h.WriteString("<p><b>" + html.EscapeString(title) + "</b></p>\n<pre " + stylePre + ">")
		t.WriteString(title + "\n")
		for _, x := range b.Diffs {
			if x.Old != "" {
				h.WriteString("<span " + styleDel + ">- " + html.EscapeString(x.Path+": "+x.Old) + "</span>\n")
				t.WriteString("- " + x.Path + ": " + x.Old + "\n")
			}
			if x.New != "" {
				h.WriteString("<span " + styleAdd + ">+ " + html.EscapeString(x.Path+": "+x.New) + "</span>\n")
				t.WriteString("+ " + x.Path + ": " + x.New + "\n")
			}
		}
		h.WriteString("</pre>\n")
		t.WriteString("\n")
	case api.JSON:
		pretty := chat.IndentJSON(b.Data)
		h.WriteString("<pre " + stylePre + ">" + html.EscapeString(pretty) + "</pre>\n")
		t.WriteString(pretty + "\n\n")
	case api.File:
		name := fileName(b.Name)
		c.attachments = append(c.attachments, attachment{name: name, data: b.Contents})
		h.WriteString("<p>📎 " + html.EscapeString(name) + " (attached)</p>\n")
		t.WriteString("[attached: " + name + "]\n\n")
	default:
		c.skipped = append(c.skipped, b.BlockType())
	}
}

func htmlTable(h *strings.Builder, b api.Table) {
	if name := strings.TrimSpace(b.Name); name != "" {
		h.WriteString("<p><b>" + html.EscapeString(name) + "</b></p>\n")
	}
	h.WriteString("<table " + styleTable + ">")
	if len(b.Headers) > 0 {
		h.WriteString("<tr>")
		for _, c := range b.Headers {
			h.WriteString("<th " + styleHead + ">" + html.EscapeString(c) + "</th>")
		}
		h.WriteString("</tr>")
	}
	for _, r := range b.Rows {
		h.WriteString("<tr>")
		for _, c := range r {
			h.WriteString("<td " + styleCell + ">" + html.EscapeString(c) + "</td>")
		}
		h.WriteString("</tr>")
	}
	h.WriteString("</table>\n")
}

func htmlLinks(ls []api.Link) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		parts = append(parts, htmlLink(l.URL, html.EscapeString(cmpOr(strings.TrimSpace(l.Name), l.URL))))
	}
	return strings.Join(parts, " · ")
}

func textLinks(ls []api.Link) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		parts = append(parts, textDialect.Link(l.URL, strings.TrimSpace(l.Name)))
	}
	return strings.Join(parts, " · ")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// fileName keeps an attachment's name on one line, free of path parts.
func fileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == '/' || r == '\\' || r == '"' {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if strings.Trim(s, "_.") == "" {
		return "file"
	}
	return s
}

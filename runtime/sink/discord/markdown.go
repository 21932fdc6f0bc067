package discord

import (
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// escape makes data literal in Discord's markdown: a backslash before each
// character that could start markup, and before < so that <@id> and
// <t:...> stay text.
var escape = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`>`, `\>`, `<`, `\<`, `#`, `\#`, `[`, `\[`, `]`, `\]`,
).Replace

// dialect is Discord's markdown.
var dialect = chat.Dialect{
	Bold:      func(s string) string { return "**" + s + "**" },
	Italic:    func(s string) string { return "_" + s + "_" },
	Strike:    func(s string) string { return "~~" + s + "~~" },
	Code:      code,
	CodeBlock: func(s string) string { return "```\n" + fenced(s) + "\n```" },
	Link:      link,
	Text:      escape,
}

// convert turns an author's Slack mrkdwn into Discord markdown.
func convert(s string) string { return chat.Convert(s, dialect) }

// code is inline code; a backtick inside takes the double-backtick form.
func code(s string) string {
	if strings.Contains(s, "`") {
		return "`` " + strings.ReplaceAll(s, "``", "`\u200b`") + " ``"
	}
	return "`" + s + "`"
}

// fenced keeps code from closing its own fence.
func fenced(s string) string { return strings.ReplaceAll(s, "```", "`\u200b``") }

// link is a masked link; a bare one is the URL, which Discord links itself.
// Spaces and parentheses are escaped so that the URL ends where it should.
func link(url, text string) string {
	url = urlEscape.Replace(url)
	if text == "" {
		return url
	}
	return "[" + text + "](" + url + ")"
}

var urlEscape = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29")

// links renders named URLs on one line, as Robusta's actions line.
func links(ls []api.Link) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		name := strings.TrimSpace(l.Name)
		if name == "" {
			name = l.URL
		}
		parts = append(parts, link(l.URL, escape(name)))
	}
	return strings.Join(parts, " · ")
}

// fileName makes s safe as an attachment name (Discord refers to it in
// attachment://), or returns def.
func fileName(s, def string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '.', r == '_':
			return r
		}
		return '_'
	}, strings.TrimSpace(s))
	if strings.Trim(s, "_.") == "" {
		return def
	}
	return s
}

package telegram

import (
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// escape makes data literal in Telegram's HTML: it knows only these three
// entities (and numeric ones), so &quot; would show as written.
var escape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// attr escapes an attribute value, which " would end.
var attr = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

// dialect is Telegram's HTML parse mode.
var dialect = chat.Dialect{
	Bold:      func(s string) string { return "<b>" + s + "</b>" },
	Italic:    func(s string) string { return "<i>" + s + "</i>" },
	Strike:    func(s string) string { return "<s>" + s + "</s>" },
	Code:      func(s string) string { return "<code>" + escape(s) + "</code>" },
	CodeBlock: func(s string) string { return pre(s, "") },
	Link:      link,
	Text:      escape,
}

// pre is a preformatted block, in a language Telegram highlights when set.
func pre(code, lang string) string {
	if lang == "" {
		return "<pre>" + escape(code) + "</pre>"
	}
	return `<pre><code class="language-` + lang + `">` + escape(code) + "</code></pre>"
}

// link is <a href>; text is already HTML. A bare URL is shown as itself.
func link(url, text string) string {
	if text == "" {
		text = escape(url)
	}
	return `<a href="` + attr(url) + `">` + text + "</a>"
}

// links renders named URLs on one line.
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

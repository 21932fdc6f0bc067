package telegram

import (
	"strings"
	"unicode/utf16"
)

// maxText is sendMessage's limit on a message's text.
const maxText = 4096

// width is s's length as Telegram counts it: UTF-16 code units.
func width(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// pack joins the pieces, a line each, into texts of at most n. A piece
// that alone exceeds n is split: a <pre> block between its lines (each
// part a block of its own), any other line as plain text, its markup
// dropped, since a cut could fall inside a tag.
func pack(pieces []piece, n int) []string {
	var (
		out []string
		cur strings.Builder
		w   int
	)
	add := func(s string) {
		sw := width(s)
		if w > 0 && w+1+sw > n {
			out = append(out, cur.String())
			cur.Reset()
			w = 0
		}
		if w > 0 {
			cur.WriteByte('\n')
			w++
		}
		cur.WriteString(s)
		w += sw
	}
	for _, p := range pieces {
		for _, s := range p.parts(n) {
			add(s)
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, cur.String())
	}
	return out
}

// parts is the piece as HTML of at most n each.
func (p piece) parts(n int) []string {
	if p.html != "" || p.code == "" && p.lang == "" {
		if width(p.html) <= n {
			return []string{p.html}
		}
		return cutEscaped(plain(p.html), n, "", "")
	}
	if whole := pre(p.code, p.lang); width(whole) <= n {
		return []string{whole}
	}
	open, close := "<pre>", "</pre>"
	if p.lang != "" {
		open, close = `<pre><code class="language-`+p.lang+`">`, "</code></pre>"
	}
	room := n - width(open) - width(close)
	var out []string
	var cur strings.Builder
	w := 0
	for _, line := range strings.Split(p.code, "\n") {
		e := escape(line)
		if w > 0 && w+1+width(e) > room {
			out = append(out, open+cur.String()+close)
			cur.Reset()
			w = 0
		}
		if width(e) > room { // one line wider than a message: its own parts
			if w > 0 {
				out = append(out, open+cur.String()+close)
				cur.Reset()
				w = 0
			}
			out = append(out, cutEscaped(line, n, open, close)...)
			continue
		}
		if w > 0 {
			cur.WriteByte('\n')
			w++
		}
		cur.WriteString(e)
		w += width(e)
	}
	if w > 0 {
		out = append(out, open+cur.String()+close)
	}
	return out
}

// cutEscaped splits raw text into escaped parts, each wrapped in open and
// close and at most n wide; it cuts between runes, never inside an entity.
func cutEscaped(raw string, n int, open, close string) []string {
	room := max(n-width(open)-width(close), 8)
	var out []string
	var cur strings.Builder
	w := 0
	for _, r := range raw {
		e := escape(string(r))
		if w > 0 && w+width(e) > room {
			out = append(out, open+cur.String()+close)
			cur.Reset()
			w = 0
		}
		cur.WriteString(e)
		w += width(e)
	}
	if w > 0 {
		out = append(out, open+cur.String()+close)
	}
	return out
}

// plain is HTML's text: tags dropped, entities read. Data is escaped
// everywhere here, so every < starts a tag.
func plain(html string) string {
	var b strings.Builder
	for len(html) > 0 {
		i := strings.IndexByte(html, '<')
		if i < 0 {
			b.WriteString(html)
			break
		}
		b.WriteString(html[:i])
		j := strings.IndexByte(html[i:], '>')
		if j < 0 {
			break
		}
		html = html[i+j+1:]
	}
	return unescape.Replace(b.String())
}

var unescape = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&")

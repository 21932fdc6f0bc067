package chat

import (
	"strings"
)

// Dialect is how a service writes what Slack mrkdwn means. Each func gets
// text already converted (Text escaped, inner markup done), except Code and
// CodeBlock, which get the raw code.
type Dialect struct {
	Bold, Italic, Strike func(inner string) string
	Code                 func(code string) string
	CodeBlock            func(code string) string
	// Link writes a link; text is "" for a bare <url>.
	Link func(url, text string) string
	// Text escapes plain text: what the service would otherwise read as
	// markup.
	Text func(s string) string
}

// Convert rewrites Slack mrkdwn in d's markup: *bold*, _italic_, ~strike~,
// `code`, ```blocks```, <url|text> and <url> links, <!here>-style
// mentions (written as text: no service here should ping from a finding)
// and the entities &amp; &lt; &gt;. Delimiters follow Slack: an opening
// one starts a word, a closing one ends it, both on one line.
func Convert(src string, d Dialect) string {
	var b strings.Builder
	convert(&b, src, d)
	return b.String()
}

func convert(b *strings.Builder, s string, d Dialect) {
	text := 0 // start of the pending plain text
	flush := func(end int) {
		if end > text {
			b.WriteString(d.Text(unentity(s[text:end])))
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case strings.HasPrefix(s[i:], "```"):
			if end := strings.Index(s[i+3:], "```"); end >= 0 {
				flush(i)
				code := strings.Trim(s[i+3:i+3+end], "\n")
				b.WriteString(d.CodeBlock(unentity(code)))
				i += 6 + end
				text = i
				continue
			}
		case c == '`':
			if end := closing(s, i, '`', false); end > 0 {
				flush(i)
				b.WriteString(d.Code(unentity(s[i+1 : end])))
				i = end + 1
				text = i
				continue
			}
		case c == '<':
			if end := strings.IndexAny(s[i+1:], ">\n"); end >= 0 && s[i+1+end] == '>' {
				flush(i)
				b.WriteString(angle(s[i+1:i+1+end], d))
				i += end + 2
				text = i
				continue
			}
		case c == '*' || c == '_' || c == '~':
			if opens(s, i) {
				if end := closing(s, i, c, true); end > 0 {
					flush(i)
					var inner strings.Builder
					convert(&inner, s[i+1:end], d)
					wrap := map[byte]func(string) string{'*': d.Bold, '_': d.Italic, '~': d.Strike}[c]
					b.WriteString(wrap(inner.String()))
					i = end + 1
					text = i
					continue
				}
			}
		}
		i++
	}
	flush(len(s))
}

// angle renders what Slack writes in angle brackets.
func angle(inner string, d Dialect) string {
	target, label, _ := strings.Cut(inner, "|")
	switch {
	case strings.HasPrefix(target, "!"): // <!here>, <!channel>, <!subteam^ID|@team>
		if label != "" {
			return d.Text(unentity(label))
		}
		return d.Text("@" + strings.TrimPrefix(target, "!"))
	case strings.HasPrefix(target, "@"), strings.HasPrefix(target, "#"): // users and channels
		return d.Text(unentity(cmpOr(label, target)))
	case strings.Contains(target, "://"), strings.HasPrefix(target, "mailto:"):
		var text string
		if label != "" {
			var lb strings.Builder
			convert(&lb, label, d)
			text = lb.String()
		}
		return d.Link(unentity(target), text)
	}
	return d.Text(unentity("<" + inner + ">"))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// opens reports whether the delimiter at i can open: at the start or after
// a character that is not a letter or digit, and before a non-space.
func opens(s string, i int) bool {
	if i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == s[i] {
		return false
	}
	return i == 0 || !isWordByte(s[i-1])
}

// closing finds the delimiter c closing the one at i on the same line: one
// after a non-space, and (for emphasis) not followed by a letter or digit.
// It returns -1 when there is none.
func closing(s string, i int, c byte, emphasis bool) int {
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\n':
			return -1
		case s[j] != c || j == i+1:
		case emphasis && (s[j-1] == ' ' || (j+1 < len(s) && isWordByte(s[j+1]))):
		default:
			return j
		}
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 0x80 || c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

var unentity = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace

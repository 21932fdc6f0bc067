package slack

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Block Kit limits (docs.slack.dev/reference/block-kit/blocks), counted in
// UTF-16 code units as Slack counts characters.
const (
	maxSectionText = 3000
	maxFieldText   = 2000
	maxFields      = 10
	maxHeaderText  = 150
	maxContextElts = 10
)

// width is the length of s as Slack counts it.
func width(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cut splits s so that head is at most n wide and ends on a rune boundary,
// and not inside an HTML entity (&amp;) that escape wrote.
func cut(s string, n int) (head, tail string) {
	w, i := 0, 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if w+utf16.RuneLen(r) > n {
			break
		}
		w += utf16.RuneLen(r)
		i += size
	}
	if amp := strings.LastIndexByte(s[:i], '&'); amp >= 0 && i-amp < 6 && !strings.Contains(s[amp:i], ";") && amp > 0 {
		i = amp
	}
	return s[:i], s[i:]
}

// truncate shortens s to at most n wide, ending it with "…" when cut.
func truncate(s string, n int) string {
	if width(s) <= n {
		return s
	}
	head, _ := cut(s, n-1)
	return head + "…"
}

// splitLines splits text into chunks at most n wide, breaking between lines;
// a line wider than n is broken wherever it must be (at a rune boundary).
// Chunks that end between lines join back with "\n".
func splitLines(text string, n int) []string {
	var (
		chunks []string
		cur    strings.Builder
		w      int
	)
	flush := func() {
		chunks = append(chunks, cur.String())
		cur.Reset()
		w = 0
	}
	for i, line := range strings.Split(text, "\n") {
		lw := width(line)
		switch {
		case i == 0:
		case w+1+lw <= n:
			cur.WriteByte('\n')
			w++
		default:
			flush()
		}
		for lw > n-w {
			head, tail := cut(line, n-w)
			cur.WriteString(head)
			flush()
			line, lw = tail, width(tail)
		}
		cur.WriteString(line)
		w += lw
	}
	if cur.Len() > 0 || len(chunks) == 0 {
		flush()
	}
	return chunks
}

// escape makes data safe inside mrkdwn: Slack reads &, < and > as control
// characters everywhere, code blocks included.
var escape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// codeBlocks wraps text in ``` fences, split so that each block fits a
// section.
func codeBlocks(text string) []string {
	const fence = "```"
	chunks := splitLines(text, maxSectionText-2*len(fence)-2)
	for i, c := range chunks {
		chunks[i] = fence + "\n" + c + "\n" + fence
	}
	return chunks
}

package jira

import (
	"strings"

	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// mrkdwn is converted to ADF in two steps: chat.Convert writes it in a
// private markup of control characters (open, kind, ..., close), which
// inline then reads into text nodes with marks. Reusing chat's parser
// keeps Slack's delimiter rules in one place; the control characters are
// stripped from the text first, so no finding can forge markup.
const (
	open    = '\x01'
	closing = '\x02'
	sep     = '\x03' // ends a link's URL
)

var stripControls = strings.NewReplacer("\x01", "", "\x02", "", "\x03", "")

var markers = chat.Dialect{
	Bold:      func(s string) string { return "\x01b" + s + "\x02" },
	Italic:    func(s string) string { return "\x01i" + s + "\x02" },
	Strike:    func(s string) string { return "\x01s" + s + "\x02" },
	Code:      func(s string) string { return "\x01c" + stripControls.Replace(s) + "\x02" },
	CodeBlock: func(s string) string { return "\x01p" + stripControls.Replace(s) + "\x02" },
	Link: func(u, text string) string {
		if text == "" {
			text = stripControls.Replace(u)
		}
		return "\x01l" + stripControls.Replace(u) + "\x03" + text + "\x02"
	},
	Text: stripControls.Replace,
}

var markTypes = map[byte]string{'b': "strong", 'i': "em", 's': "strike", 'c': "code"}

// markdown converts Slack mrkdwn into ADF block nodes: paragraphs of text
// with marks (newlines as hard breaks), and a code block for each
// ```block```.
func markdown(src string) []node {
	s := chat.Convert(src, markers)
	var out []node
	var para []node
	var stack []mark
	flushPara := func() {
		// A break next to a code block is the newline around its fence.
		for len(para) > 0 && para[0].Type == "hardBreak" {
			para = para[1:]
		}
		for len(para) > 0 && para[len(para)-1].Type == "hardBreak" {
			para = para[:len(para)-1]
		}
		if len(para) > 0 {
			out = append(out, node{Type: "paragraph", Content: para})
			para = nil
		}
	}
	text := func(t string) {
		for i, line := range strings.Split(t, "\n") {
			if i > 0 {
				para = append(para, node{Type: "hardBreak"})
			}
			if line != "" {
				para = append(para, textNode(line, stack))
			}
		}
	}
	for len(s) > 0 {
		i := strings.IndexAny(s, "\x01\x02")
		if i < 0 {
			text(s)
			break
		}
		text(s[:i])
		c := s[i]
		s = s[i+1:]
		if c == closing {
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if s == "" {
			break
		}
		kind := s[0]
		s = s[1:]
		switch kind {
		case 'p': // a code block: its raw text up to the closing marker
			end := strings.IndexByte(s, closing)
			if end < 0 {
				end = len(s)
			}
			flushPara()
			if code := strings.Trim(s[:end], "\n"); code != "" {
				out = append(out, codeBlock(code, ""))
			}
			s = s[min(end+1, len(s)):]
		case 'l':
			end := strings.IndexByte(s, sep)
			if end < 0 {
				end = len(s)
			}
			stack = append(stack, mark{Type: "link", Attrs: map[string]any{"href": s[:end]}})
			s = s[min(end+1, len(s)):]
		default:
			stack = append(stack, mark{Type: markTypes[kind]})
		}
	}
	flushPara()
	return out
}

// textNode is t with the marks in force. ADF lets code combine with link
// only, so inside code the others are dropped.
func textNode(t string, stack []mark) node {
	n := node{Type: "text", Text: t}
	code := false
	for _, m := range stack {
		code = code || m.Type == "code"
	}
	for _, m := range stack {
		if !code || m.Type == "code" || m.Type == "link" {
			n.Marks = append(n.Marks, m)
		}
	}
	return n
}

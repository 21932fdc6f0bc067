package discord

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Discord's message limits (discord.com/developers/docs/resources/message,
// "Embed Limits").
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedTotal  = 6000
	maxFields      = 25
	maxTitle       = 256
	maxDescription = 4096
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFiles       = 10
	maxUpload      = 10 << 20 // bytes per message, for servers without boosts
)

// message is one Execute Webhook body. files go as multipart parts.
type message struct {
	Content         string       `json:"content,omitempty"`
	Username        string       `json:"username,omitempty"`
	AvatarURL       string       `json:"avatar_url,omitempty"`
	Embeds          []embed      `json:"embeds,omitempty"`
	AllowedMentions mentions     `json:"allowed_mentions"`
	Attachments     []attachment `json:"attachments,omitempty"`

	files []file
}

type embed struct {
	Title       string  `json:"title,omitempty"`
	Description string  `json:"description,omitempty"`
	Color       int     `json:"color,omitempty"`
	Fields      []field `json:"fields,omitempty"`
	Image       *image  `json:"image,omitempty"`
}

type field struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

type image struct {
	URL string `json:"url"`
}

// mentions is allowed_mentions; an empty Parse list allows none.
type mentions struct {
	Parse []string `json:"parse"`
}

type attachment struct {
	ID       int    `json:"id"`
	Filename string `json:"filename"`
}

type file struct {
	name string
	data []byte
}

// width is s's length as Discord counts it: UTF-16 code units.
func width(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// size is what an embed counts towards maxEmbedTotal.
func (e *embed) size() int {
	n := width(e.Title) + width(e.Description)
	for _, f := range e.Fields {
		n += width(f.Name) + width(f.Value)
	}
	return n
}

// truncate cuts s to at most n wide at a rune boundary, ending it with "…".
func truncate(s string, n int) string {
	if width(s) <= n {
		return s
	}
	w := 0
	for i, r := range s {
		if w+utf16.RuneLen(r) > n-1 {
			return s[:i] + "…"
		}
		w += utf16.RuneLen(r)
	}
	return s
}

// chunks splits markdown into pieces at most n wide, between lines. A line
// wider than n is broken at a rune boundary. A piece that ends inside a
// ``` fence is closed, and the next reopens it.
func chunks(text string, n int) []string {
	const fence = "```"
	var (
		out    []string
		cur    strings.Builder
		inCode string // the open fence line, or ""
	)
	// onlyFence: cur holds nothing but the reopened fence.
	onlyFence := func() bool { return inCode != "" && cur.String() == inCode }
	flush := func() {
		if onlyFence() {
			return // a part of just "```" and its close says nothing
		}
		s := cur.String()
		if inCode != "" {
			s += "\n" + fence
		}
		out = append(out, s)
		cur.Reset()
		if inCode != "" {
			cur.WriteString(inCode)
		}
	}
	reserve := func() int { // room a closing fence needs
		if inCode != "" {
			return len(fence) + 1
		}
		return 0
	}
	for _, line := range strings.Split(text, "\n") {
		if onlyFence() && strings.TrimSpace(line) == fence {
			cur.Reset() // the fence closes right where a part reopened it
			inCode = ""
			continue
		}
		sep := 0
		if cur.Len() > 0 {
			sep = 1
		}
		need := reserve()
		if inCode != "" && strings.HasPrefix(strings.TrimSpace(line), fence) {
			need = 0 // the line is the close the reserve was kept for
		}
		if cur.Len() > 0 && width(cur.String())+sep+width(line)+need > n {
			flush()
			sep = min(cur.Len(), 1)
		}
		for width(cur.String())+sep+width(line)+need > n {
			room := n - width(cur.String()) - sep - reserve()
			head, tail := cutWidth(line, max(room, 1))
			if head == "" { // a wide rune where one unit was left: take it, so that the loop ends
				_, size := utf8.DecodeRuneInString(line)
				head, tail = line[:size], line[size:]
			}
			if sep == 1 {
				cur.WriteByte('\n')
			}
			cur.WriteString(head)
			flush()
			line, sep = tail, min(cur.Len(), 1)
		}
		if sep == 1 {
			cur.WriteByte('\n')
		}
		cur.WriteString(line)
		if strings.HasPrefix(strings.TrimSpace(line), fence) {
			if inCode == "" {
				inCode = strings.TrimSpace(line)
			} else {
				inCode = ""
			}
		}
	}
	if s := cur.String(); strings.TrimSpace(s) != "" && s != inCode {
		out = append(out, s)
	}
	return out
}

// cutWidth splits s after at most n UTF-16 units, on a rune boundary.
func cutWidth(s string, n int) (head, tail string) {
	w := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if w+utf16.RuneLen(r) > n {
			return s[:i], s[i:]
		}
		w += utf16.RuneLen(r)
		i += size
	}
	return s, ""
}

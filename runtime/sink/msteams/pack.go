package msteams

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// maxCardBytes is the most JSON one message carries: under Teams' ~28 KB
// with room for what Teams adds.
const maxCardBytes = 24000

// titleRoom is kept free in each continuation card for its title.
const titleRoom = 600

// pack splits body into messages of at most maxCardBytes of JSON. Every
// card after the first starts with the title and "(continued i/n)".
func pack(body []element, title string) ([][]byte, error) {
	empty, err := json.Marshal(wrap([]element{}))
	if err != nil {
		return nil, fmt.Errorf("encoding the card: %w", err)
	}
	budget := maxCardBytes - len(empty) - titleRoom
	var (
		cards [][]element
		cur   []element
		used  int
	)
	for _, e := range body {
		b, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("encoding the card: %w", err)
		}
		if len(b) > budget {
			e = shrink(e, len(b)-budget)
			b, _ = json.Marshal(e)
		}
		if len(cur) > 0 && used+1+len(b) > budget {
			cards = append(cards, cur)
			cur, used = nil, 0
		}
		cur = append(cur, e)
		used += len(b) + 1
	}
	cards = append(cards, cur)
	out := make([][]byte, len(cards))
	for i, c := range cards {
		if i > 0 {
			c = append([]element{{Type: "TextBlock", Wrap: true, Weight: "Bolder", Size: "Medium",
				Text: truncate(title, titleRoom/2) + fmt.Sprintf(" (continued %d/%d)", i+1, len(cards))}}, c...)
		}
		if out[i], err = json.Marshal(wrap(c)); err != nil {
			return nil, fmt.Errorf("encoding the card: %w", err)
		}
	}
	return out, nil
}

// shrink makes e at least over bytes smaller: text is cut, anything else
// replaced by a line saying it was too large.
func shrink(e element, over int) element {
	const marker = " … (cut to fit a Teams card)"
	switch {
	case e.Type == "TextBlock" && len(e.Text) > over+len(marker)*2:
		e.Text = truncate(e.Text, len(e.Text)-over-len(marker)*2) + marker
		return e
	case e.Type == "RichTextBlock" && len(e.Inlines) > 0:
		// JSON escaping can make text longer than its bytes: cut twice as
		// much as asked, never below nothing.
		runs := e.Inlines
		for over > 0 && len(runs) > 0 {
			last := &runs[len(runs)-1]
			if len(last.Text) > 2*over+len(marker) {
				last.Text = truncate(last.Text, len(last.Text)-2*over-len(marker)) + marker
				break
			}
			over -= len(last.Text)
			runs = runs[:len(runs)-1]
		}
		if len(runs) > 0 {
			e.Inlines = runs
			return e
		}
	}
	return textBlock(fmt.Sprintf("(a %s too large for a Teams card was left out)", e.Type))
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

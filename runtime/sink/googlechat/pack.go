package googlechat

import (
	"encoding/json"
	"fmt"
)

// Chat's limits: a message is at most 32,000 bytes; cards are kept well
// under it, and to at most maxWidgets widgets.
const (
	maxMessageBytes = 28000
	maxWidgets      = 100
	cardID          = "finding"
)

// pack splits sections into messages within the limits, splitting a
// section between widgets when it does not fit. Continuation headers say
// "(continued i/n)".
func pack(h header, sections []section, threadKey string) ([][]byte, error) {
	base := func(h header) message {
		m := message{FallbackText: h.Title, CardsV2: []cardRef{{CardID: cardID, Card: card{Header: h, Sections: []section{}}}}}
		if threadKey != "" {
			m.Thread = &thread{ThreadKey: threadKey}
		}
		return m
	}
	empty, err := json.Marshal(base(header{Title: h.Title + " (continued 99/99)", Subtitle: h.Subtitle}))
	if err != nil {
		return nil, fmt.Errorf("encoding the card: %w", err)
	}
	budget := maxMessageBytes - len(empty)
	var (
		cards   [][]section
		cur     []section
		used, n int
	)
	newCard := func() {
		if len(cur) > 0 {
			cards = append(cards, cur)
		}
		cur, used, n = nil, 0, 0
	}
	for _, s := range sections {
		head, _ := json.Marshal(section{Header: s.Header})
		open := false // cur's last section is s
		for _, w := range s.Widgets {
			wb, err := json.Marshal(w)
			if err != nil {
				return nil, fmt.Errorf("encoding the card: %w", err)
			}
			if len(wb) > budget-len(head)-2 {
				w = paragraph(fmt.Sprintf("(a widget of %d bytes, too large for a Google Chat message, was left out)", len(wb)))
				wb, _ = json.Marshal(w)
			}
			extra := len(wb) + 1
			if !open {
				extra += len(head) + 1
			}
			if n > 0 && (used+extra > budget || n == maxWidgets) {
				newCard()
				open = false
				extra = len(wb) + len(head) + 2
			}
			if !open {
				cur = append(cur, section{Header: s.Header})
				open = true
			}
			last := &cur[len(cur)-1]
			last.Widgets = append(last.Widgets, w)
			used += extra
			n++
		}
	}
	newCard()
	out := make([][]byte, len(cards))
	for i, c := range cards {
		hi := h
		if len(cards) > 1 && i > 0 {
			hi.Title = fmt.Sprintf("%s (continued %d/%d)", h.Title, i+1, len(cards))
		}
		m := base(hi)
		m.CardsV2[0].Card.Sections = c
		if out[i], err = json.Marshal(m); err != nil {
			return nil, fmt.Errorf("encoding the card: %w", err)
		}
	}
	return out, nil
}

package slack

import "github.com/slack-go/slack"

// Message limits: Slack takes at most 50 blocks per message, and refuses
// messages whose blocks hold much more than 12,000 characters in all
// (msg_blocks_too_long, observed near 13,200). Blocks are counted across
// the message and its attachment.
const (
	maxMessageBlocks = 50
	maxMessageText   = 12000
)

// message is one chat.postMessage: top-level blocks, and body blocks in an
// attachment that carries the severity colour.
type message struct {
	text   string
	color  string
	blocks []slack.Block
	body   []slack.Block
}

// messages splits r into the first message (the head and as much of the
// body as fits) and continuations for the thread (the rest of the body).
// Every message takes at least one block, so a block over the text budget
// still goes out, alone.
func (r *rendered) messages() []message {
	msgs := []message{{text: r.text, color: r.color, blocks: r.head}}
	n, w := len(r.head), 0
	for _, b := range r.head {
		w += blockWidth(b)
	}
	for _, b := range r.body {
		bw := blockWidth(b)
		if n > 0 && (n+1 > maxMessageBlocks || w+bw > maxMessageText) {
			msgs = append(msgs, message{text: r.text + " (continued)", color: r.color})
			n, w = 0, 0
		}
		last := &msgs[len(msgs)-1]
		last.body = append(last.body, b)
		n++
		w += bw
	}
	return msgs
}

// blockWidth is the text a block holds, as Slack counts it.
func blockWidth(b slack.Block) int {
	text := func(t *slack.TextBlockObject) int {
		if t == nil {
			return 0
		}
		return width(t.Text)
	}
	n := 0
	switch b := b.(type) {
	case *slack.SectionBlock:
		n = text(b.Text)
		for _, f := range b.Fields {
			n += text(f)
		}
	case *slack.HeaderBlock:
		n = text(b.Text)
	case *slack.ContextBlock:
		for _, e := range b.ContextElements.Elements {
			if t, ok := e.(*slack.TextBlockObject); ok {
				n += text(t)
			}
		}
	}
	return n
}

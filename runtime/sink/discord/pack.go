package discord

import (
	"fmt"
	"strings"

	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// messages packs the embeds into messages within Discord's limits, then
// the files into messages of their own, each image shown in an embed.
// Only the first message has content.
func (r *renderer) messages(content string) []message {
	var out []message
	cur := newMessage()
	total := 0
	for _, e := range r.embeds {
		if e.size() == 0 && e.Image == nil {
			continue // an enrichment title with nothing under it
		}
		if len(cur.Embeds) == maxEmbeds || (len(cur.Embeds) > 0 && total+e.size() > maxEmbedTotal) {
			out = append(out, cur)
			cur, total = newMessage(), 0
		}
		cur.Embeds = append(cur.Embeds, e)
		total += e.size()
	}
	if len(cur.Embeds) > 0 {
		out = append(out, cur)
	}
	out = append(out, r.fileMessages()...)
	if len(out) == 0 {
		out = append(out, newMessage())
	}
	out[0].Content = content
	return out
}

func newMessage() message {
	return message{Username: username, AvatarURL: avatarURL, AllowedMentions: mentions{Parse: []string{}}}
}

// fileMessages puts up to maxFiles files and maxUpload bytes in each
// message. A file that alone exceeds maxUpload is named instead.
func (r *renderer) fileMessages() []message {
	var (
		out     []message
		cur     = newMessage()
		bytes   int
		tooBig  []string
		used    = map[string]int{}
		flushed = func() {
			if len(cur.files) > 0 {
				out = append(out, cur)
			}
			cur, bytes = newMessage(), 0
		}
	)
	for _, f := range r.files {
		if len(f.data) > maxUpload {
			tooBig = append(tooBig, fmt.Sprintf("%s (%d bytes)", f.name, len(f.data)))
			continue
		}
		if len(cur.files) == maxFiles || bytes+len(f.data) > maxUpload {
			flushed()
		}
		// Attachment names must differ: an image embed points at one.
		orig := f.name
		if n := used[orig]; n > 0 {
			f.name = fmt.Sprintf("%d-%s", n, orig)
		}
		used[orig]++
		cur.Attachments = append(cur.Attachments, attachment{ID: len(cur.files), Filename: f.name})
		cur.files = append(cur.files, f)
		bytes += len(f.data)
		if _, ok := chat.IsImage(f.name); ok {
			cur.Embeds = append(cur.Embeds, embed{Color: r.color, Title: truncate(escape(f.name), maxTitle), Image: &image{URL: "attachment://" + f.name}})
		}
	}
	flushed()
	if len(tooBig) > 0 {
		m := newMessage()
		m.Embeds = []embed{{Color: r.color, Description: truncate("Not attached, over Discord's 10 MiB upload limit: "+escape(strings.Join(tooBig, ", ")), maxDescription)}}
		out = append(out, m)
	}
	return out
}

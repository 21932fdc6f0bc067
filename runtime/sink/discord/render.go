package discord

import (
	"fmt"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// Robusta's SEVERITY_COLOR_MAP and FindingStatus.RESOLVED colour; DEBUG,
// which Robusta leaves out, is blue.
var colors = map[api.Severity]int{
	api.SeverityHigh:  14495556, // #DD3044
	api.SeverityLow:   16632664, // #FDCC58
	api.SeverityInfo:  7909721,  // #78B159
	api.SeverityDebug: 2001125,  // #1E88E5
}

const (
	resolvedColor      = 45826 // #00B302
	tableColumnsLimit  = 4     // Robusta's DISCORD_TABLE_COLUMNS_LIMIT
	username           = "Robusta"
	avatarURL          = "https://docs.robusta.dev/master/_static/robusta-logo.png" // Robusta's ROBUSTA_LOGO_URL
	divider            = "──────────"
	blank              = "\u200b" // Discord refuses empty field names and values
	diffFence, jsonFen = "```diff", "```json"
)

// renderer collects a finding's embeds, in order, and its files.
type renderer struct {
	color   int
	embeds  []embed
	text    []string // markdown waiting to become the current embed's description
	files   []file
	skipped []string // block types discord_sink cannot show
}

// render turns f into the messages to post, in order.
func render(f *api.Finding, cluster string) ([]message, []string) {
	resolved, title := chat.Status(f)
	r := &renderer{color: colors[f.Severity]}
	if r.color == 0 {
		r.color = colors[api.SeverityInfo]
	}
	if resolved {
		r.color = resolvedColor
	}
	if title == "" {
		title = "Finding"
	}
	content := fmt.Sprintf("%s %s - %s %s - **%s**", chat.StatusEmoji(resolved), chat.StatusName(resolved),
		chat.SeverityEmoji(f.Severity), f.Severity, escape(truncate(title, maxContent-100)))

	// The head embed: the description and links, then the facts as inline
	// fields, which Discord shows under the description.
	r.embeds = append(r.embeds, embed{Color: r.color})
	r.addText(escape(f.Description))
	r.addText(links(f.Links))
	r.flush()
	head := &r.embeds[0]
	for _, kv := range [][2]string{{"Cluster", cluster}, {"Subject", chat.Subject(f.Subject)}, {"Node", f.Subject.Node}} {
		if kv[1] != "" {
			head.Fields = append(head.Fields, field{Name: kv[0], Value: code(truncate(kv[1], maxFieldValue-4)), Inline: true})
		}
	}
	for _, e := range f.Enrichments {
		r.flush()
		if t := strings.TrimSpace(e.Title); t != "" {
			r.embeds = append(r.embeds, embed{Color: r.color, Title: truncate(t, maxTitle)})
		}
		for _, b := range e.Blocks {
			r.add(b)
		}
	}
	r.flush()
	return r.messages(content), r.skipped
}

// add renders one block.
func (r *renderer) add(b api.Block) {
	switch b := b.(type) {
	case api.Markdown:
		r.addText(convert(b.Text))
	case api.Header:
		r.addText("**" + escape(strings.TrimSpace(b.Text)) + "**")
	case api.Divider:
		r.addText(divider)
	case api.List:
		items := make([]string, len(b.Items))
		for i, it := range b.Items {
			items[i] = "- " + convert(it)
		}
		r.addText(strings.Join(items, "\n"))
	case api.Links:
		r.addText(links(b.Links))
	case api.Table:
		r.table(b)
	case api.KubernetesDiff:
		r.diff(b)
	case api.JSON:
		pretty := chat.IndentJSON(b.Data)
		if text := jsonFen + "\n" + fenced(pretty) + "\n```"; width(text) <= maxDescription {
			r.addText(text)
		} else {
			r.files = append(r.files, file{name: "data.json", data: []byte(pretty)})
		}
	case api.File:
		r.files = append(r.files, file{name: fileName(b.Name, "file"), data: b.Contents})
	default:
		r.skipped = append(r.skipped, b.BlockType())
	}
}

// table is a field when it is narrow and short enough, else a file.
func (r *renderer) table(t api.Table) {
	text := chat.TableText(t)
	value := "```\n" + fenced(text) + "\n```"
	if chat.Columns(t) > tableColumnsLimit || width(value) > maxFieldValue {
		r.files = append(r.files, file{name: fileName(t.Name, "data") + ".txt", data: []byte(text + "\n")})
		return
	}
	name := strings.TrimSpace(t.Name)
	if name == "" {
		name = blank
	}
	r.addField(field{Name: truncate(escape(name), maxFieldName), Value: value})
}

func (r *renderer) diff(d api.KubernetesDiff) {
	r.addText("**" + escape(chat.DiffTitle(d)) + "**")
	lines := chat.PatchLines(d)
	if len(lines) > 0 {
		r.addText(diffFence + "\n" + fenced(strings.Join(lines, "\n")) + "\n```")
	}
}

// addText queues markdown for the current embed's description.
func (r *renderer) addText(s string) {
	if strings.TrimSpace(s) != "" {
		r.text = append(r.text, s)
	}
}

// addField puts a field after the text before it: in the current embed if
// it has no text queued, else in a new embed after that text.
func (r *renderer) addField(f field) {
	r.flush()
	last := &r.embeds[len(r.embeds)-1]
	if len(last.Fields) == maxFields || last.size()+width(f.Name)+width(f.Value) > maxEmbedTotal {
		r.embeds = append(r.embeds, embed{Color: r.color})
		last = &r.embeds[len(r.embeds)-1]
	}
	last.Fields = append(last.Fields, f)
}

// flush writes the queued text as descriptions: into the current embed
// when it has neither description nor fields yet, then into new embeds.
func (r *renderer) flush() {
	if len(r.text) == 0 {
		return
	}
	text := strings.Join(r.text, "\n")
	r.text = nil
	for _, c := range chunks(text, maxDescription) {
		last := &r.embeds[len(r.embeds)-1]
		if last.Description != "" || len(last.Fields) > 0 || last.size()+width(c) > maxEmbedTotal {
			r.embeds = append(r.embeds, embed{Color: r.color})
			last = &r.embeds[len(r.embeds)-1]
		}
		last.Description = c
	}
}

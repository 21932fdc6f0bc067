package telegram

import (
	"fmt"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

const (
	tableColumnsLimit = 4 // wider tables are unreadable on a phone: a file
	maxTableText      = 3000
	divider           = "──────────"
)

// piece is one line of HTML, or a preformatted block kept whole when it
// fits and split between its lines when it does not.
type piece struct {
	html       string
	code, lang string // a <pre> block when html is ""
}

// file is one upload after the messages.
type file struct {
	name string
	data []byte
}

// rendered is what one finding becomes.
type rendered struct {
	messages []string // HTML texts, each within maxText
	files    []file
	skipped  []string // block types telegram_sink cannot show
}

// render turns f into messages and files. With sendFiles false, files are
// left out and wide tables are shown as <pre> blocks instead.
func render(f *api.Finding, cluster string, sendFiles bool) rendered {
	resolved, title := chat.Status(f)
	if title == "" {
		title = "Finding"
	}
	r := &renderer{sendFiles: sendFiles}
	r.line(fmt.Sprintf("%s %s - %s %s - <b>%s</b>", chat.StatusEmoji(resolved), chat.StatusName(resolved),
		chat.SeverityEmoji(f.Severity), f.Severity, escape(title)))
	if len(f.Links) > 0 {
		r.line(links(f.Links))
	}
	if cluster != "" {
		r.line("<b>Source:</b> <code>" + escape(cluster) + "</code>")
	}
	if s := chat.Subject(f.Subject); s != "" {
		r.line("<b>Subject:</b> <code>" + escape(s) + "</code>")
	}
	if strings.TrimSpace(f.Description) != "" {
		r.line("")
		r.text(f.Description)
	}
	for _, e := range f.Enrichments {
		if t := strings.TrimSpace(e.Title); t != "" {
			r.line("")
			r.line("<b>" + escape(t) + "</b>")
		}
		for _, b := range e.Blocks {
			r.add(b)
		}
	}
	out := rendered{files: r.files, skipped: r.skipped}
	out.messages = pack(r.pieces, maxText)
	return out
}

type renderer struct {
	sendFiles bool
	pieces    []piece
	files     []file
	skipped   []string
}

func (r *renderer) line(html string) { r.pieces = append(r.pieces, piece{html: html}) }

func (r *renderer) pre(code, lang string) {
	r.pieces = append(r.pieces, piece{code: code, lang: lang})
}

// text adds data (not markup), a piece per line.
func (r *renderer) text(s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	for _, l := range strings.Split(s, "\n") {
		r.line(escape(l))
	}
}

// markdown adds an author's mrkdwn. Slack's emphasis never spans lines, so
// converting line by line (and ``` blocks whole) reads it as one piece
// would, and gives pack lines to split between.
func (r *renderer) markdown(s string, prefix string) {
	for _, seg := range segments(s) {
		if code, ok := strings.CutPrefix(seg, "```"); ok {
			r.pre(strings.Trim(strings.TrimSuffix(code, "```"), "\n"), "")
			continue
		}
		r.line(prefix + chat.Convert(seg, dialect))
	}
}

// segments splits mrkdwn into lines and whole ```code``` blocks.
func segments(s string) []string {
	var out []string
	for s != "" {
		start := strings.Index(s, "```")
		end := -1
		if start >= 0 {
			if e := strings.Index(s[start+3:], "```"); e >= 0 {
				end = start + 3 + e + 3
			}
		}
		if end < 0 {
			out = append(out, strings.Split(s, "\n")...)
			break
		}
		if before := strings.TrimSuffix(s[:start], "\n"); strings.TrimSpace(before) != "" {
			out = append(out, strings.Split(before, "\n")...)
		}
		out = append(out, s[start:end])
		s = strings.TrimPrefix(s[end:], "\n")
	}
	return out
}

// add renders one block.
func (r *renderer) add(b api.Block) {
	switch b := b.(type) {
	case api.Markdown:
		r.markdown(b.Text, "")
	case api.Header:
		r.line("<b>" + escape(strings.TrimSpace(b.Text)) + "</b>")
	case api.Divider:
		r.line(divider)
	case api.List:
		for _, it := range b.Items {
			r.markdown(it, "• ")
		}
	case api.Links:
		r.line(links(b.Links))
	case api.Table:
		r.table(b)
	case api.KubernetesDiff:
		r.line("<b>" + escape(chat.DiffTitle(b)) + "</b>")
		lines := chat.PatchLines(b)
		if len(lines) > 0 {
			r.pre(strings.Join(lines, "\n"), "diff")
		}
	case api.JSON:
		pretty := chat.IndentJSON(b.Data)
		r.pre(pretty, "json")
	case api.File:
		if r.sendFiles {
			r.files = append(r.files, file{name: fileName(b.Name, "file"), data: b.Contents})
		}
	default:
		r.skipped = append(r.skipped, b.BlockType())
	}
}

// table is a <pre> block when narrow, else a .txt document.
func (r *renderer) table(t api.Table) {
	text := chat.TableText(t)
	if r.sendFiles && (chat.Columns(t) > tableColumnsLimit || len(text) > maxTableText) {
		r.files = append(r.files, file{name: fileName(t.Name, "table") + ".txt", data: []byte(text + "\n")})
		return
	}
	if name := strings.TrimSpace(t.Name); name != "" {
		r.line("<b>" + escape(name) + "</b>")
	}
	r.pre(text, "")
}

// fileName keeps a document's name on one line and free of path parts.
func fileName(s, def string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == '/' || r == '\\' || r == '"' {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if strings.Trim(s, "_.") == "" {
		return def
	}
	return s
}

package mattermost

import (
	"fmt"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// maxMessage is Mattermost's post limit (model.PostMessageMaxRunesV2).
const maxMessage = 16383

var escape = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `[`, `\[`, `]`, `\]`,
	"@", "@\u200b", // a zero-width space: @channel in data must not notify the channel
).Replace

var dialect = chat.Dialect{
	Bold:      func(s string) string { return "**" + s + "**" },
	Italic:    func(s string) string { return "_" + s + "_" },
	Strike:    func(s string) string { return "~~" + s + "~~" },
	Code:      func(s string) string { return "`" + strings.ReplaceAll(s, "`", "'") + "`" },
	CodeBlock: func(s string) string { return "```\n" + strings.ReplaceAll(s, "```", "'''") + "\n```" },
	Link:      link,
	Text:      escape,
}

func link(url, text string) string {
	url = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(url)
	if text == "" {
		return url
	}
	return "[" + text + "](" + url + ")"
}

func links(ls []api.Link) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		parts = append(parts, link(l.URL, escape(cmpOr(strings.TrimSpace(l.Name), l.URL))))
	}
	return strings.Join(parts, " · ")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

type file struct {
	name string
	data []byte
}

// render is the post's Markdown (split into parts of at most maxMessage)
// and its files.
func render(f *api.Finding, cluster string) (parts []string, files []file) {
	resolved, title := chat.Status(f)
	if title == "" {
		title = "Finding"
	}
	var b []string
	b = append(b, fmt.Sprintf("#### %s %s - %s %s - %s", chat.StatusEmoji(resolved), chat.StatusName(resolved), chat.SeverityEmoji(f.Severity), f.Severity, escape(title)))
	if len(f.Links) > 0 {
		b = append(b, links(f.Links))
	}
	var facts []string
	if cluster != "" {
		facts = append(facts, "**Source:** `"+cluster+"`")
	}
	if s := chat.Subject(f.Subject); s != "" {
		facts = append(facts, "**Subject:** `"+s+"`")
	}
	if len(facts) > 0 {
		b = append(b, strings.Join(facts, " · "))
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		b = append(b, escape(d))
	}
	for _, e := range f.Enrichments {
		if t := strings.TrimSpace(e.Title); t != "" {
			b = append(b, "**"+escape(t)+"**")
		}
		for _, blk := range e.Blocks {
			switch blk := blk.(type) {
			case api.Markdown:
				b = append(b, chat.Convert(blk.Text, dialect))
			case api.Header:
				b = append(b, "##### "+escape(blk.Text))
			case api.Divider:
				b = append(b, "---")
			case api.List:
				items := make([]string, len(blk.Items))
				for i, it := range blk.Items {
					items[i] = "- " + chat.Convert(it, dialect)
				}
				b = append(b, strings.Join(items, "\n"))
			case api.Links:
				b = append(b, links(blk.Links))
			case api.Table:
				b = append(b, table(blk))
			case api.KubernetesDiff:
				lines := chat.PatchLines(blk)
				b = append(b, "**"+escape(chat.DiffTitle(blk))+"**\n```diff\n"+strings.ReplaceAll(strings.Join(lines, "\n"), "```", "'''")+"\n```")
			case api.JSON:
				pretty := chat.IndentJSON(blk.Data)
				b = append(b, "```json\n"+strings.ReplaceAll(pretty, "```", "'''")+"\n```")
			case api.File:
				files = append(files, file{name: cmpOr(strings.TrimSpace(blk.Name), "file"), data: blk.Contents})
			}
		}
	}
	return split(b, maxMessage), files
}

// table is a Markdown table, cells escaped and kept on their line.
func table(t api.Table) string {
	var sb strings.Builder
	if n := strings.TrimSpace(t.Name); n != "" {
		sb.WriteString("**" + escape(n) + "**\n")
	}
	cols := chat.Columns(t)
	row := func(cells []string) {
		sb.WriteString("|")
		for i := range cols {
			c := ""
			if i < len(cells) {
				c = strings.Join(strings.Fields(cells[i]), " ")
			}
			sb.WriteString(" " + escape(c) + " |")
		}
		sb.WriteString("\n")
	}
	headers := t.Headers
	if len(headers) == 0 {
		headers = make([]string, cols)
	}
	row(headers)
	sb.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
	for _, r := range t.Rows {
		row(r)
	}
	return strings.TrimRight(sb.String(), "\n")
}

// split joins blocks with blank lines into parts of at most n runes; a
// block over n is cut between lines (a code fence cut is closed and
// reopened), a line over n between runes.
func split(blocks []string, n int) []string {
	var out []string
	var cur []rune
	add := func(s string) {
		r := []rune(s)
		if len(cur) > 0 && len(cur)+2+len(r) > n {
			out = append(out, string(cur))
			cur = nil
		}
		if len(cur) > 0 {
			cur = append(cur, '\n', '\n')
		}
		cur = append(cur, r...)
	}
	for _, blk := range blocks {
		if len([]rune(blk)) <= n {
			add(blk)
			continue
		}
		var piece []string
		fence := ""
		size := 0
		flush := func() {
			if len(piece) > 0 {
				s := strings.Join(piece, "\n")
				if fence != "" {
					s += "\n```"
				}
				add(s)
			}
			piece, size = nil, 0
			if fence != "" {
				piece, size = []string{fence}, len(fence)
			}
		}
		for _, line := range strings.Split(blk, "\n") {
			for r := []rune(line); len(r) > n-20; r = r[n-20:] {
				flush()
				add(string(r[:n-20]))
				line = string(r[n-20:])
			}
			if size+len([]rune(line))+1 > n-8 {
				flush()
			}
			piece = append(piece, line)
			size += len([]rune(line)) + 1
			if strings.HasPrefix(line, "```") {
				if fence == "" {
					fence = line
				} else {
					fence = ""
				}
			}
		}
		fence = "" // the block closes its own fences: no reopening after its end
		flush()
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

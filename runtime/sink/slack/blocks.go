package slack

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

func bullets(items []string) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("• " + it)
	}
	return b.String()
}

func links(ls []api.Link) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		if name := strings.TrimSpace(l.Name); name != "" {
			fmt.Fprintf(&b, "<%s|%s>", l.URL, escape(name))
		} else {
			fmt.Fprintf(&b, "<%s>", l.URL)
		}
	}
	return b.String()
}

// diff renders a summary line and the changed fields as a code block:
// "- path: old" and "+ path: new".
func diff(d api.KubernetesDiff) []slack.Block {
	added, removed, modified := d.Counts()
	var counts []string
	for _, c := range []struct {
		n    int
		what string
	}{{added, "added"}, {removed, "removed"}, {modified, "modified"}} {
		if c.n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(counts) == 0 {
		counts = []string{"no changes"}
	}
	obj := d.Name
	if d.Namespace != "" {
		obj = d.Namespace + "/" + obj
	}
	out := []slack.Block{section(fmt.Sprintf("*%s changed:* %s", escape(strings.TrimSpace(d.Kind+" "+obj)), strings.Join(counts, ", ")))}
	lines := chat.PatchLines(d)
	if len(lines) > 0 {
		for _, c := range codeBlocks(escape(strings.Join(lines, "\n"))) {
			out = append(out, section(c))
		}
	}
	return out
}

// json shows a document in a code block, or as a file when it would not
// fit one section.
func (r *rendered) json(j api.JSON) {
	pretty := chat.IndentJSON(j.Data)
	text := escape(pretty)
	if width(text) > maxSectionText-8 {
		r.files = append(r.files, upload{name: "data.json", data: []byte(pretty)})
		return
	}
	r.body = append(r.body, section("```\n"+text+"\n```"))
}

package jira

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// maxDescription keeps the description under Jira's 32,767 characters a
// field, counted here on the ADF's JSON, which is what Jira measures.
const maxDescription = 32000

// node is an Atlassian Document Format node
// (developer.atlassian.com/cloud/jira/platform/apis/document/structure).
type node struct {
	Type    string         `json:"type"`
	Text    string         `json:"text,omitempty"`
	Attrs   map[string]any `json:"attrs,omitempty"`
	Marks   []mark         `json:"marks,omitempty"`
	Content []node         `json:"content,omitempty"`
}

type mark struct {
	Type  string         `json:"type"`
	Attrs map[string]any `json:"attrs,omitempty"`
}

// doc is an ADF document, a description or a comment.
type doc struct {
	Type    string `json:"type"`
	Version int    `json:"version"`
	Content []node `json:"content"`
}

func newDoc(content []node) doc { return doc{Type: "doc", Version: 1, Content: content} }

func paragraph(content ...node) node { return node{Type: "paragraph", Content: content} }

func plain(t string) node { return node{Type: "text", Text: t} }

func strong(t string) node { return node{Type: "text", Text: t, Marks: []mark{{Type: "strong"}}} }

func linkNode(text, href string) node {
	return node{Type: "text", Text: text, Marks: []mark{{Type: "link", Attrs: map[string]any{"href": href}}}}
}

func heading(level int, t string) node {
	return node{Type: "heading", Attrs: map[string]any{"level": level}, Content: []node{plain(t)}}
}

func codeBlock(code, lang string) node {
	n := node{Type: "codeBlock", Content: []node{plain(code)}}
	if lang != "" {
		n.Attrs = map[string]any{"language": lang}
	}
	return n
}

// description is f as ADF: a paragraph of links (the finding's, and the
// subject's runbook_url annotation, as Robusta adds it), the description,
// then each enrichment (its title a heading) as long as it fits. Files are
// attached, not rendered; a line names each.
func description(f *api.Finding) doc {
	var nodes []node
	var ls []api.Link
	ls = append(ls, f.Links...)
	if u := f.Subject.Annotations["runbook_url"]; u != "" {
		ls = append(ls, api.Link{Name: "🔎 Runbook URL", URL: u})
	}
	if p, ok := linksParagraph(ls); ok {
		nodes = append(nodes, p)
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		nodes = append(nodes, markdown(d)...)
	}
	for _, e := range f.Enrichments {
		if t := strings.TrimSpace(e.Title); t != "" {
			nodes = append(nodes, heading(3, t))
		}
		for _, b := range e.Blocks {
			nodes = append(nodes, blockNodes(b)...)
		}
	}
	return newDoc(fit(nodes, maxDescription))
}

// fit keeps the nodes, in order, whose JSON fits in limit, and ends with a
// note of how many were left out.
func fit(nodes []node, limit int) []node {
	size := 0
	for i, n := range nodes {
		b, _ := json.Marshal(n) // a node always marshals
		if size+len(b) > limit-200 {
			note := fmt.Sprintf("%d more parts left out: Jira takes 32,767 characters a field.", len(nodes)-i)
			return append(nodes[:i:i], paragraph(node{Type: "text", Text: note, Marks: []mark{{Type: "em"}}}))
		}
		size += len(b) + 1
	}
	return nodes
}

func linksParagraph(ls []api.Link) (node, bool) {
	var content []node
	for _, l := range ls {
		if l.URL == "" {
			continue
		}
		if len(content) > 0 {
			content = append(content, plain(" · "))
		}
		content = append(content, linkNode(strings.TrimSpace(cmpOr(l.Name, l.URL)), l.URL))
	}
	return paragraph(content...), len(content) > 0
}

// blockNodes renders one block; nil for an unknown type.
func blockNodes(b api.Block) []node {
	switch v := b.(type) {
	case api.Markdown:
		return markdown(v.Text)
	case api.Header:
		if t := strings.TrimSpace(v.Text); t != "" {
			return []node{heading(4, t)}
		}
	case api.Divider:
		return []node{{Type: "rule"}}
	case api.List:
		items := make([]node, 0, len(v.Items))
		for _, it := range v.Items {
			content := markdown(it)
			if len(content) == 0 {
				content = []node{paragraph()}
			}
			items = append(items, node{Type: "listItem", Content: content})
		}
		if len(items) > 0 {
			return []node{{Type: "bulletList", Content: items}}
		}
	case api.Links:
		if p, ok := linksParagraph(v.Links); ok {
			return []node{p}
		}
	case api.Table:
		return table(v)
	case api.JSON:
		pretty := chat.IndentJSON(v.Data)
		return []node{codeBlock(pretty, "json")}
	case api.KubernetesDiff:
		lines := chat.PatchLines(v)
		out := []node{paragraph(strong(chat.DiffTitle(v)))}
		if len(lines) > 0 {
			out = append(out, codeBlock(strings.Join(lines, "\n"), "diff"))
		}
		return out
	case api.File:
		return []node{paragraph(plain(fmt.Sprintf("📎 %s (attached)", v.Name)))}
	}
	return nil
}

// table is an ADF table, its name bold above it; short rows are padded,
// as ADF wants every row as wide as the table.
func table(t api.Table) []node {
	var out []node
	if n := strings.TrimSpace(t.Name); n != "" {
		out = append(out, paragraph(strong(n)))
	}
	cols := chat.Columns(t)
	if cols == 0 {
		return out
	}
	row := func(cellType string, cells []string) node {
		r := node{Type: "tableRow", Content: make([]node, cols)}
		for i := range cols {
			p := paragraph()
			if i < len(cells) && cells[i] != "" {
				p.Content = []node{plain(cells[i])}
			}
			r.Content[i] = node{Type: cellType, Content: []node{p}}
		}
		return r
	}
	tb := node{Type: "table", Attrs: map[string]any{"isNumberColumnEnabled": false, "layout": "default"}}
	if len(t.Headers) > 0 {
		tb.Content = append(tb.Content, row("tableHeader", t.Headers))
	}
	for _, r := range t.Rows {
		tb.Content = append(tb.Content, row("tableCell", r))
	}
	return append(out, tb)
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

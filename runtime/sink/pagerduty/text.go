package pagerduty

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// stateMessage is Robusta's state_message: the description, then each
// enrichment's title and blocks as plain text, separated by blank lines.
// Links blocks are left out: they go to the event's links.
func stateMessage(f *api.Finding) string {
	var parts []string
	if f.Description != "" {
		parts = append(parts, f.Description)
	}
	for _, e := range f.Enrichments {
		if e.Title != "" {
			parts = append(parts, e.Title)
		}
		for _, b := range e.Blocks {
			if t := blockText(b); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, "\n\n")
}

// blockText renders one block as plain text; "" for blocks shown
// elsewhere (links) or not at all (an unknown type).
func blockText(b api.Block) string {
	switch v := b.(type) {
	case api.Markdown:
		return v.Text
	case api.Header:
		return v.Text
	case api.Divider:
		return "----"
	case api.List:
		items := make([]string, len(v.Items))
		for i, it := range v.Items {
			items[i] = "• " + it
		}
		return strings.Join(items, "\n")
	case api.Table:
		return tableText(v)
	case api.JSON:
		return chat.IndentJSON(v.Data)
	case api.KubernetesDiff:
		return diffText(v)
	case api.File:
		return fmt.Sprintf("[file %s, %d bytes]", v.Name, len(v.Contents))
	}
	return ""
}

// tableText aligns a table's columns, its name above.
func tableText(t api.Table) string {
	var b strings.Builder
	if t.Name != "" {
		b.WriteString(t.Name + "\n")
	}
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	row := func(cells []string) { fmt.Fprintln(w, strings.Join(cells, "\t")) }
	if len(t.Headers) > 0 {
		row(t.Headers)
	}
	for _, r := range t.Rows {
		row(r)
	}
	_ = w.Flush() // a strings.Builder does not fail
	return strings.TrimRight(b.String(), "\n")
}

// diffText is "Kind ns/name:" and one "path: old -> new" line a change.
func diffText(d api.KubernetesDiff) string {
	lines := []string{d.Kind + " " + objectName(d.Namespace, d.Name) + ":"}
	for _, x := range d.Diffs {
		lines = append(lines, "* "+diffLine(x))
	}
	return strings.Join(lines, "\n")
}

// diffLine is one change: "path: old -> new", "path: added new",
// "path: removed old".
func diffLine(x api.Diff) string {
	switch {
	case x.Old == "":
		return x.Path + ": added " + x.New
	case x.New == "":
		return x.Path + ": removed " + x.Old
	}
	return x.Path + ": " + x.Old + " -> " + x.New
}

func objectName(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "/" + name
}

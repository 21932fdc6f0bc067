package chat

import (
	"bytes"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/robusta-go/robusta/runtime/api"
)

// resolvedPrefix marks a resolved alert's finding (api.AlertTitle), the
// only sign of resolution Robusta's sinks read.
const resolvedPrefix = "[RESOLVED]"

// Status is whether f is resolved, and its title without the prefix that
// says so, as Robusta's senders show it.
func Status(f *api.Finding) (resolved bool, title string) {
	title = strings.TrimSpace(f.Title)
	if rest, ok := strings.CutPrefix(title, resolvedPrefix); ok {
		return true, strings.TrimSpace(rest)
	}
	return false, title
}

// StatusEmoji is Robusta's FindingStatus.to_emoji.
func StatusEmoji(resolved bool) string {
	if resolved {
		return "✅"
	}
	return "🔥"
}

// StatusName is "firing" or "resolved".
func StatusName(resolved bool) string {
	if resolved {
		return "resolved"
	}
	return "firing"
}

// SeverityEmoji is Robusta's FindingSeverity.to_emoji.
func SeverityEmoji(s api.Severity) string {
	switch s {
	case api.SeverityHigh:
		return "🔴"
	case api.SeverityLow:
		return "🟡"
	case api.SeverityDebug:
		return "🔵"
	}
	return "⚪️"
}

// Subject is "Pod prod/web-1", leaving out what is unknown; "" when the
// finding has no subject.
func Subject(s api.Subject) string {
	name := s.Name
	if s.Namespace != "" && name != "" {
		name = s.Namespace + "/" + name
	}
	return strings.TrimSpace(s.Kind + " " + name)
}

// Columns is the widest of a table's header and rows.
func Columns(t api.Table) int {
	n := len(t.Headers)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

// TableText is the table as aligned plain text (headers first), for a code
// block or a text file. Tabs and newlines in cells become spaces.
func TableText(t api.Table) string {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	row := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				tw.Write([]byte{'\t'})
			}
			tw.Write([]byte(cleanCell.Replace(c)))
		}
		tw.Write([]byte{'\n'})
	}
	if len(t.Headers) > 0 {
		row(t.Headers)
	}
	for _, r := range t.Rows {
		row(r)
	}
	tw.Flush()
	return strings.TrimRight(buf.String(), "\n")
}

// cleanCell keeps a cell on its line and out of tabwriter's columns.
var cleanCell = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// DiffLines are a diff's changes as Robusta lists them, one per field:
// "path: old → new", "path: added new", "path: removed old".
func DiffLines(d api.KubernetesDiff) []string {
	out := make([]string, 0, len(d.Diffs))
	for _, x := range d.Diffs {
		switch {
		case x.Old == "":
			out = append(out, x.Path+": added "+x.New)
		case x.New == "":
			out = append(out, x.Path+": removed "+x.Old)
		default:
			out = append(out, x.Path+": "+x.Old+" → "+x.New)
		}
	}
	return out
}

// DiffTitle is "Deployment prod/web changed: 1 added, 1 modified".
func DiffTitle(d api.KubernetesDiff) string {
	added, removed, modified := d.Counts()
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{added, "added"}, {removed, "removed"}, {modified, "modified"}} {
		if c.n > 0 {
			parts = append(parts, strconv.Itoa(c.n)+" "+c.what)
		}
	}
	if len(parts) == 0 {
		parts = []string{"no changes"}
	}
	return Subject(api.Subject{Kind: d.Kind, Name: d.Name, Namespace: d.Namespace}) + " changed: " + strings.Join(parts, ", ")
}

// IsImage reports whether a file is an image the chat services show
// inline, by its name as Robusta decides, and its MIME type. SVG is not:
// none of them shows it.
func IsImage(name string) (mime string, ok bool) {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".png"):
		return "image/png", true
	case strings.HasSuffix(n, ".jpg"), strings.HasSuffix(n, ".jpeg"):
		return "image/jpeg", true
	case strings.HasSuffix(n, ".gif"):
		return "image/gif", true
	}
	return "", false
}

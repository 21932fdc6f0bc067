package webhook

import (
	"fmt"
	"regexp"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/robusta-go/robusta/runtime/api"
)

// truncatedMarker ends a text body that was cut to fit size_limit.
const truncatedMarker = "\n[truncated]"

// renderText writes f as plain text: a header of title, severity, subject,
// cluster and source, the description and links, then each enrichment's
// title and blocks.
func renderText(f *api.Finding, cluster string) string {
	var b strings.Builder
	line := func(format string, args ...any) {
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	line("%s", f.Title)
	line("Severity: %s", f.Severity)
	if subj := subjectText(f.Subject); subj != "" {
		line("Subject: %s", subj)
	}
	if cluster != "" {
		line("Cluster: %s", cluster)
	}
	if f.Source != "" {
		line("Source: %s", f.Source)
	}
	if f.Description != "" {
		line("\n%s", clearText(f.Description))
	}
	for _, l := range f.Links {
		line("%s: %s", l.Name, l.URL)
	}
	for _, e := range f.Enrichments {
		b.WriteByte('\n')
		if e.Title != "" {
			line("%s", e.Title)
		}
		for _, blk := range e.Blocks {
			b.WriteString(blockText(blk))
		}
	}
	return b.String()
}

// subjectText is "Pod ns/name (node n)", leaving out what is unknown.
func subjectText(s api.Subject) string {
	var parts []string
	if s.Kind != "" {
		parts = append(parts, s.Kind)
	}
	switch {
	case s.Namespace != "" && s.Name != "":
		parts = append(parts, s.Namespace+"/"+s.Name)
	case s.Name != "":
		parts = append(parts, s.Name)
	}
	if s.Node != "" && !(s.Kind == "Node" && s.Name == s.Node) {
		parts = append(parts, "(node "+s.Node+")")
	}
	return strings.Join(parts, " ")
}

// blockText renders one block as lines, each ending in a newline.
func blockText(blk api.Block) string {
	var b strings.Builder
	switch v := blk.(type) {
	case api.Markdown:
		b.WriteString(clearText(v.Text))
	case api.Header:
		b.WriteString(v.Text)
	case api.List:
		for i, item := range v.Items {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString("- " + clearText(item))
		}
	case api.Table:
		if v.Name != "" {
			b.WriteString(v.Name + "\n")
		}
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		if len(v.Headers) > 0 {
			fmt.Fprintln(tw, strings.Join(v.Headers, "\t"))
		}
		for _, row := range v.Rows {
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		tw.Flush()
	case api.Divider:
		b.WriteString("---")
	case api.Links:
		for i, l := range v.Links {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l.Name + ": " + l.URL)
		}
	case api.JSON:
		b.Write(v.Data)
	case api.KubernetesDiff:
		added, removed, modified := v.Counts()
		name := v.Name
		if v.Namespace != "" {
			name = v.Namespace + "/" + name
		}
		fmt.Fprintf(&b, "%s %s: %d added, %d removed, %d changed", v.Kind, name, added, removed, modified)
		for _, d := range v.Diffs {
			switch {
			case d.Old == "":
				fmt.Fprintf(&b, "\n%s: added %s", d.Path, d.New)
			case d.New == "":
				fmt.Fprintf(&b, "\n%s: removed %s", d.Path, d.Old)
			default:
				fmt.Fprintf(&b, "\n%s: %s ==> %s", d.Path, d.Old, d.New)
			}
		}
	case api.File:
		fmt.Fprintf(&b, "[file %s, %d bytes]", v.Name, len(v.Contents))
	default:
		fmt.Fprintf(&b, "[%s block]", blk.BlockType())
	}
	s := strings.TrimRight(b.String(), "\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}

// slackLink is Slack's <url|text> link syntax.
var slackLink = regexp.MustCompile(`<([^<>|\s]+)\|([^<>]+)>`)

// clearText makes Slack-style links readable: <url|text> becomes
// "text: url", as Robusta's webhook sink does.
func clearText(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	return slackLink.ReplaceAllString(s, "$2: $1")
}

// truncateText cuts s to at most limit bytes: at the last line break that
// leaves room for truncatedMarker, else inside the first line; always at a
// UTF-8 boundary.
func truncateText(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	if limit <= len(truncatedMarker) {
		return cutUTF8(s, limit)
	}
	cut := cutUTF8(s, limit-len(truncatedMarker))
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "\n") + truncatedMarker
}

// cutUTF8 returns the longest prefix of s of at most n bytes that does not
// split a UTF-8 sequence.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

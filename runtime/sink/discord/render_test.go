package discord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

func TestRenderEveryBlock(t *testing.T) {
	msgs, skipped := render(sinktest.EveryBlock(), "prod-eu")
	if len(skipped) != 0 {
		t.Errorf("skipped %v", skipped)
	}
	red := 14495556
	want := []message{
		{
			Content: "🔥 firing - 🔴 HIGH - **Crash loop in web**", Username: "Robusta", AvatarURL: avatarURL,
			AllowedMentions: mentions{Parse: []string{}},
			Embeds: []embed{
				{Color: red, Description: "web-1 restarted 5 times\n[Grafana](https://grafana.example/d/1)", Fields: []field{
					{Name: "Cluster", Value: "`prod-eu`", Inline: true},
					{Name: "Subject", Value: "`Pod prod/web-1`", Inline: true},
					{Name: "Node", Value: "`node-a`", Inline: true},
				}},
				{Color: red, Title: "Pod details", Description: "**Status**\n**restarts:** 5\n──────────\n- OOMKilled\n- exit code 137", Fields: []field{
					{Name: blank, Value: "```\nfield  value\nimage  web:1.2\nlimit  <512Mi>\n```"},
					{Name: "Containers", Value: "```\nname  ready  restarts\nweb   false  5\n```"},
				}},
				{Color: red, Description: "[Runbook](https://runbooks.example/oom)\n```json\n{\n  \"restarts\": 5\n}\n```\n" +
					"**Deployment prod/web changed: 1 added, 1 modified**\n```diff\n- spec.replicas: 2\n+ spec.replicas: 3\n+ metadata.labels.tier: \"front\"\n```",
					Fields: []field{{Name: "Events", Value: "```\ntype     reason   age  message\nWarning  BackOff  1m   Back-off restarting\n```"}}},
			},
		},
		{
			Username: "Robusta", AvatarURL: avatarURL, AllowedMentions: mentions{Parse: []string{}},
			Attachments: []attachment{{ID: 0, Filename: "web-1.log"}},
			files:       []file{{name: "web-1.log", data: []byte("line 1\nline 2\n")}},
		},
	}
	if diff := cmp.Diff(want, msgs, cmp.AllowUnexported(message{}, file{})); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

// TestExamplePayload keeps docs/sink-examples/discord.json the first
// message of the every-block finding, pasteable into a webhook preview.
// ROBUSTA_UPDATE_EXAMPLES=1 rewrites it.
func TestExamplePayload(t *testing.T) {
	msgs, _ := render(sinktest.EveryBlock(), "prod-eu")
	compact, err := marshal(msgs[0])
	if err != nil {
		t.Fatal(err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, compact, "", "  "); err != nil {
		t.Fatal(err)
	}
	got := indented.Bytes()
	path := filepath.Join("..", "..", "..", "docs", "sink-examples", "discord.json")
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), string(got)); diff != "" {
		t.Errorf("%s is stale (ROBUSTA_UPDATE_EXAMPLES=1 rewrites it) (-file +rendered):\n%s", path, diff)
	}
}

func TestRenderResolvedAndEscapes(t *testing.T) {
	f := &api.Finding{
		Title:       "[RESOLVED] @everyone *disk* <@123> full",
		Description: "used_bytes > 90% [see](x)",
		Severity:    api.SeverityLow,
	}
	f.AddEnrichment(api.MarkdownBlock("author's *bold* and <https://x.example/a b|link>"))
	msgs, _ := render(f, "")
	m := msgs[0]
	if want := `✅ resolved - 🟡 LOW - **@everyone \*disk\* \<@123\> full**`; m.Content != want {
		t.Errorf("content %q, want %q", m.Content, want)
	}
	if want := `used\_bytes \> 90% \[see\](x)`; m.Embeds[0].Description != want {
		t.Errorf("description %q, want %q", m.Embeds[0].Description, want)
	}
	if want := "author's **bold** and [link](https://x.example/a%20b)"; m.Embeds[1].Description != want {
		t.Errorf("markdown %q, want %q", m.Embeds[1].Description, want)
	}
	for _, e := range m.Embeds {
		if e.Color != resolvedColor {
			t.Errorf("colour %d, want resolved green %d", e.Color, resolvedColor)
		}
	}
	if m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions %+v, want parse: []", m.AllowedMentions)
	}
}

// TestRenderSplitsAtLimits: a finding far over Discord's limits becomes
// messages that each respect them, with every piece of text kept in order.
func TestRenderSplitsAtLimits(t *testing.T) {
	f := &api.Finding{Title: strings.Repeat("T", 3000), Severity: api.SeverityHigh}
	var lines []string
	for i := range 700 {
		lines = append(lines, fmt.Sprintf("line %03d %s", i, strings.Repeat("x", 20)))
	}
	var blocks []api.Block
	blocks = append(blocks, api.MarkdownBlock(strings.Join(lines, "\n")))
	for i := range 40 {
		blocks = append(blocks, api.Table{Name: fmt.Sprint("t", i), Headers: []string{"k", "v"}, Rows: [][]string{{"a", fmt.Sprint(i)}}})
	}
	blocks = append(blocks, api.MarkdownBlock("```\n"+strings.Repeat("code line\n", 600)+"```"))
	f.Enrichments = []api.Enrichment{{Title: strings.Repeat("E", 400), Blocks: blocks}}
	msgs, _ := render(f, "c")
	if len(msgs) < 3 {
		t.Fatalf("%d messages, want the finding split", len(msgs))
	}
	var text strings.Builder
	tables := 0
	for i, m := range msgs {
		if i > 0 && m.Content != "" {
			t.Errorf("message %d has content", i)
		}
		if w := width(m.Content); w > maxContent {
			t.Errorf("message %d: content %d wide", i, w)
		}
		total := 0
		if len(m.Embeds) > maxEmbeds {
			t.Errorf("message %d: %d embeds", i, len(m.Embeds))
		}
		for _, e := range m.Embeds {
			total += e.size()
			if width(e.Description) > maxDescription || width(e.Title) > maxTitle || len(e.Fields) > maxFields {
				t.Errorf("message %d: embed over a limit: description %d, title %d, %d fields", i, width(e.Description), width(e.Title), len(e.Fields))
			}
			if strings.Count(e.Description, "```")%2 != 0 {
				t.Errorf("message %d: an embed leaves a code fence open", i)
			}
			text.WriteString(e.Description + "\n")
			for _, fl := range e.Fields {
				if strings.HasPrefix(fl.Name, "t") {
					tables++
				}
			}
		}
		if total > maxEmbedTotal {
			t.Errorf("message %d: %d characters of embeds", i, total)
		}
	}
	if tables != 40 {
		t.Errorf("%d table fields, want 40", tables)
	}
	all := text.String()
	last := -1
	for _, l := range lines {
		at := strings.Index(all, l)
		if at <= last {
			t.Fatalf("%q missing or out of order", l)
		}
		last = at
	}
	if n := strings.Count(all, "code line"); n != 600 {
		t.Errorf("%d code lines, want 600", n)
	}
}

func TestRenderFiles(t *testing.T) {
	f := &api.Finding{Title: "files"}
	big := make([]byte, maxUpload+1)
	f.AddEnrichment(
		api.FileBlock("graph.png", []byte("\x89PNG...")),
		api.FileBlock("graph.png", []byte("second")),
		api.FileBlock("huge.log", big),
		api.Table{Name: "wide", Headers: []string{"a", "b", "c", "d", "e"}, Rows: [][]string{{"1", "2", "3", "4", "5"}}},
	)
	for i := range 10 {
		f.AddEnrichment(api.FileBlock(fmt.Sprintf("f%d.txt", i), []byte("x")))
	}
	msgs, _ := render(f, "")
	// No head embed (nothing to say), so: 10 files, then 3, then the note.
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3", len(msgs))
	}
	if msgs[0].Content == "" {
		t.Error("the first message, of files, has no content")
	}
	first := msgs[0]
	var names []string
	for _, a := range first.Attachments {
		names = append(names, a.Filename)
	}
	if want := []string{"graph.png", "1-graph.png", "wide.txt", "f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt", "f5.txt", "f6.txt"}; !cmp.Equal(want, names) {
		t.Errorf("attachments %v, want %v", names, want)
	}
	if want := []embed{
		{Color: colors[api.SeverityDebug], Title: "graph.png", Image: &image{URL: "attachment://graph.png"}},
		{Color: colors[api.SeverityDebug], Title: "1-graph.png", Image: &image{URL: "attachment://1-graph.png"}},
	}; !cmp.Equal(want, first.Embeds) {
		t.Errorf("image embeds %+v", first.Embeds)
	}
	if len(msgs[1].files) != 3 {
		t.Errorf("second file message has %d files, want 3", len(msgs[2].files))
	}
	if d := msgs[2].Embeds[0].Description; !strings.Contains(d, "huge.log (10485761 bytes)") {
		t.Errorf("note %q does not name the file left out", d)
	}
}

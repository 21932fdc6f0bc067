package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
)

// blockJSON is a block as it reads back from a body.
type blockJSON struct {
	Type     string `json:"type"`
	Text     string `json:"text,omitempty"`
	Filename string `json:"filename,omitempty"`
	Contents []byte `json:"contents,omitempty"`
}

type enrichmentJSON struct {
	Title  string      `json:"title,omitempty"`
	Blocks []blockJSON `json:"blocks"`
}

type findingJSON struct {
	Title       string           `json:"title"`
	Description string           `json:"description"`
	Enrichments []enrichmentJSON `json:"enrichments"`
}

func readBack(t *testing.T, body []byte) findingJSON {
	t.Helper()
	var f findingJSON
	if err := json.Unmarshal(body, &f); err != nil {
		t.Fatalf("body is not valid JSON: %v\n%s", err, body)
	}
	return f
}

// bigFinding has a small header, a big log file and a closing note.
func bigFinding() (*api.Finding, []byte) {
	log := bytes.Repeat([]byte("0123456789abcdef\n"), 600) // 10,200 bytes
	f := &api.Finding{Title: "OOM", Severity: api.SeverityHigh, Source: api.SourcePrometheus}
	f.AddEnrichment(api.MarkdownBlock("*Pod was OOMKilled*"), api.HeaderBlock("Logs"))
	f.Enrichments = append(f.Enrichments, api.Enrichment{Title: "Files", Blocks: []api.Block{api.FileBlock("app.log", log)}})
	f.AddEnrichment(api.MarkdownBlock("end"))
	return f, log
}

func TestJSONSizeLimitCutsAndDrops(t *testing.T) {
	srv := newServer(t)
	s, _ := newSink(t, srv, Params{Format: "json", SizeLimit: 1024})
	f, log := bigFinding()
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	body := []byte(srv.requests()[0].Body)
	if len(body) > 1024 {
		t.Errorf("body is %d bytes, over the 1024 limit", len(body))
	}
	got := readBack(t, body)
	file := got.Enrichments[1].Blocks[0]
	if len(file.Contents) == 0 || !bytes.HasPrefix(log, file.Contents) {
		t.Fatalf("file contents %q are not a non-empty prefix of the log", file.Contents)
	}
	want := []enrichmentJSON{
		{Blocks: []blockJSON{{Type: "markdown", Text: "*Pod was OOMKilled*"}, {Type: "header", Text: "Logs"}}},
		{Title: "Files", Blocks: []blockJSON{{Type: "file", Filename: "app.log", Contents: file.Contents}}},
		{Title: "Truncated", Blocks: []blockJSON{{Type: "markdown", Text: "Cut to fit the webhook's size_limit of 1024 bytes: 1 of 4 blocks dropped, 1 cut."}}},
	}
	if diff := cmp.Diff(want, got.Enrichments); diff != "" {
		t.Errorf("enrichments (-want +got):\n%s", diff)
	}
	// The cut is as long as fits: one more byte of the file would not.
	ft := fitter{f: f, limit: 1024, blocks: [][2]int{{0, 0}, {0, 1}, {1, 0}, {2, 0}}}
	if longer, _ := json.Marshal(ft.build(2, cutBlock(f.Enrichments[1].Blocks[0], len(file.Contents)+1), f.Title, "")); len(longer) <= 1024 {
		t.Errorf("a %d-byte cut would fit too, in %d bytes", len(file.Contents)+1, len(longer))
	}
	if len(f.Enrichments[1].Blocks[0].(api.File).Contents) != len(log) {
		t.Error("the finding was changed")
	}
}

func TestJSONSizeLimitDropsWholeBlocks(t *testing.T) {
	f := &api.Finding{Title: "Report"}
	rows := make([][]string, 200)
	for i := range rows {
		rows[i] = []string{"pod", "Running"}
	}
	f.AddEnrichment(api.MarkdownBlock("intro"), api.TableBlock([]string{"name", "phase"}, rows), api.MarkdownBlock("outro"))
	body, err := fitJSON(f, 600)
	if err != nil {
		t.Fatal(err)
	}
	want := []enrichmentJSON{
		{Blocks: []blockJSON{{Type: "markdown", Text: "intro"}}},
		{Title: "Truncated", Blocks: []blockJSON{{Type: "markdown", Text: "Cut to fit the webhook's size_limit of 600 bytes: 2 of 3 blocks dropped."}}},
	}
	if diff := cmp.Diff(want, readBack(t, body).Enrichments); diff != "" {
		t.Errorf("enrichments (-want +got):\n%s", diff)
	}
}

func TestJSONSizeLimitCutsDescription(t *testing.T) {
	f := &api.Finding{Title: "Huge", Description: strings.Repeat("ü", 3000)}
	f.AddEnrichment(api.MarkdownBlock("dropped"))
	body, err := fitJSON(f, 700)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) > 700 {
		t.Errorf("body is %d bytes, over the 700 limit", len(body))
	}
	got := readBack(t, body)
	desc, ok := strings.CutSuffix(got.Description, cutSuffix)
	if !ok || desc == "" || strings.Trim(desc, "ü") != "" {
		t.Errorf("description %q is not a cut of the original", got.Description)
	}
	wantNote := "Cut to fit the webhook's size_limit of 700 bytes: 1 of 1 blocks dropped, description cut."
	if note := got.Enrichments[len(got.Enrichments)-1].Blocks[0].Text; note != wantNote {
		t.Errorf("note %q, want %q", note, wantNote)
	}
}

func TestJSONSizeLimitTooSmall(t *testing.T) {
	srv := newServer(t)
	s, _ := newSink(t, srv, Params{Format: "json", SizeLimit: 60})
	err := s.Write(context.Background(), finding())
	if err == nil || !strings.Contains(err.Error(), "does not fit in size_limit 60 bytes") {
		t.Fatalf("error %v, want the finding not to fit", err)
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestJSONSizeLimitAlwaysValid sweeps limits: every body is valid JSON
// within the limit, its blocks a prefix of the finding's.
func TestJSONSizeLimitAlwaysValid(t *testing.T) {
	f, _ := bigFinding()
	f.Description = strings.Repeat("description \"quoted\" <b> ", 20)
	f.Subject.Labels = map[string]string{"app": "api", "team": "core"}
	whole, _ := json.Marshal(f)
	for limit := 400; limit <= len(whole)+10; limit += 397 {
		body, err := fitJSON(f, limit)
		if err != nil {
			t.Errorf("limit %d: %v", limit, err)
			continue
		}
		if len(body) > limit || !json.Valid(body) {
			t.Fatalf("limit %d: %d bytes, valid %v", limit, len(body), json.Valid(body))
		}
		if limit >= len(whole) && !bytes.Equal(body, whole) {
			t.Errorf("limit %d: a finding that fits was changed", limit)
		}
	}
}

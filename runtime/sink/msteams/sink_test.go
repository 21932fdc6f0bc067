package msteams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

const hookPath = "/workflows/abc/triggers/manual/paths/invoke?sig=SECRET"

// fakeTeams records each card and answers 202, as Workflows do, unless a
// scripted answer is given for that request.
type fakeTeams struct {
	*httptest.Server
	mu      sync.Mutex
	paths   []string
	cards   []envelope
	sizes   []int
	answers []http.HandlerFunc
}

func newFake(t testing.TB, answers ...http.HandlerFunc) *fakeTeams {
	ft := &fakeTeams{answers: answers}
	ft.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var env envelope
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&env); err != nil || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("body %v, content type %q", err, r.Header.Get("Content-Type"))
		}
		ft.mu.Lock()
		n := len(ft.cards)
		ft.paths = append(ft.paths, r.URL.RequestURI())
		ft.cards = append(ft.cards, env)
		ft.sizes = append(ft.sizes, len(body))
		ft.mu.Unlock()
		if n < len(ft.answers) && ft.answers[n] != nil {
			ft.answers[n](w, r)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(ft.Close)
	return ft
}

func answer(code int, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

func newSink(t testing.TB, ft *fakeTeams, p Params) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(time.Unix(0, 0))
	p.Name = "teams"
	if p.WebhookURL == "" {
		p.WebhookURL = ft.URL + hookPath
	}
	s, err := New(p, sink.Global{ClusterName: "prod-eu"}, WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, clock
}

func find(body []element, typ string, n int) element {
	for _, e := range body {
		if e.Type == typ {
			if n == 0 {
				return e
			}
			n--
		}
	}
	return element{}
}

func TestWriteEveryBlock(t *testing.T) {
	ft := newFake(t)
	s, _ := newSink(t, ft, Params{})
	if err := s.Write(context.Background(), sinktest.EveryBlock()); err != nil {
		t.Fatal(err)
	}
	if len(ft.cards) != 1 || ft.paths[0] != hookPath {
		t.Fatalf("%d cards to %v, want 1 to the webhook", len(ft.cards), ft.paths)
	}
	env := ft.cards[0]
	if env.Type != "message" || len(env.Attachments) != 1 || env.Attachments[0].ContentType != "application/vnd.microsoft.card.adaptive" {
		t.Fatalf("envelope %+v", env)
	}
	c := env.Attachments[0].Content
	if c.Type != "AdaptiveCard" || c.Version != "1.5" || c.MSTeams.Width != "Full" {
		t.Errorf("card %s %s %+v", c.Type, c.Version, c.MSTeams)
	}
	body := c.Body
	wantHead := element{Type: "Container", Style: "attention", Bleed: true, Items: []element{
		{Type: "TextBlock", Text: "🔥 firing - 🔴 HIGH - **Crash loop in web**", Wrap: true, Size: "Large", Weight: "Bolder"},
		{Type: "FactSet", Facts: []fact{{"Cluster", "prod-eu"}, {"Subject", "Pod prod/web-1"}, {"Node", "node-a"}}},
	}}
	for name, tc := range map[string]struct{ want, got element }{
		"head":               {wantHead, body[0]},
		"description":        {textBlock("web-1 restarted 5 times"), body[1]},
		"links":              {element{Type: "ActionSet", Actions: []action{{"Action.OpenUrl", "Grafana", "https://grafana.example/d/1"}}}, body[2]},
		"markdown":           {textBlock("**restarts:** 5"), body[5]},
		"list after divider": {element{Type: "TextBlock", Text: "- OOMKilled\n- exit code 137", Wrap: true, Separator: true}, body[6]},
		"two columns":        {element{Type: "FactSet", Facts: []fact{{"image", "web:1.2"}, {"limit", "<512Mi>"}}}, body[7]},
		"diff": {monospace(textRun{Text: "- spec.replicas: 2\n", Color: "Attention"}, textRun{Text: "+ spec.replicas: 3\n", Color: "Good"},
			textRun{Text: "+ metadata.labels.tier: \"front\"\n", Color: "Good"}), find(body, "RichTextBlock", 1)},
		"json":     {monospace(textRun{Text: "{\n  \"restarts\": 5\n}"}), find(body, "RichTextBlock", 0)},
		"log tail": {monospace(textRun{Text: "line 1\nline 2"}), find(body, "RichTextBlock", 2)},
	} {
		if diff := cmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	table := find(body, "Table", 0)
	var cells [][]string
	for _, r := range table.Rows {
		var row []string
		for _, c := range r.Cells {
			row = append(row, c.Items[0].Text+"|"+c.Items[0].Weight)
		}
		cells = append(cells, row)
	}
	if diff := cmp.Diff([][]string{{"name|Bolder", "ready|Bolder", "restarts|Bolder"}, {"web|", "false|", "5|"}}, cells); diff != "" || !table.FirstRowAsHeader || len(table.Columns) != 3 {
		t.Errorf("table (-want +got):\n%s", diff)
	}
}

// TestExamplePayload keeps docs/sink-examples/ms_teams.json the card of
// the every-block finding, pasteable into the Adaptive Cards designer.
// ROBUSTA_UPDATE_EXAMPLES=1 rewrites it.
func TestExamplePayload(t *testing.T) {
	body, _ := render(sinktest.EveryBlock(), "prod-eu", true)
	cards, err := pack(body, "x")
	if err != nil || len(cards) != 1 {
		t.Fatalf("%d cards, %v", len(cards), err)
	}
	var got bytes.Buffer
	json.Indent(&got, cards[0], "", "  ")
	path := filepath.Join("..", "..", "..", "docs", "sink-examples", "ms_teams.json")
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		os.WriteFile(path, append(got.Bytes(), '\n'), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), got.String()); diff != "" {
		t.Errorf("%s is stale (-file +rendered):\n%s", path, diff)
	}
}

// TestSplitsIntoCards: a finding of ~150 KB becomes cards that each fit
// Teams' limit, every line kept in order.
func TestSplitsIntoCards(t *testing.T) {
	ft := newFake(t)
	s, _ := newSink(t, ft, Params{})
	f := &api.Finding{Title: "[RESOLVED] big", Severity: api.SeverityLow}
	var want []string
	for i := range 300 {
		line := fmt.Sprintf("paragraph %03d %s", i, strings.Repeat("y", 400))
		want = append(want, line)
		f.AddEnrichment(api.MarkdownBlock(line))
	}
	rows := make([][]string, 130)
	for i := range rows {
		rows[i] = []string{fmt.Sprint("pod-", i), "Running", "0"}
	}
	f.AddEnrichment(api.TableBlock([]string{"name", "phase", "restarts"}, rows), api.MarkdownBlock(strings.Repeat("z", 60000)))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if len(ft.cards) < 7 {
		t.Fatalf("%d cards, want the finding split", len(ft.cards))
	}
	var texts []string
	tables := 0
	for i, env := range ft.cards {
		if ft.sizes[i] > maxCardBytes {
			t.Errorf("card %d is %d bytes", i, ft.sizes[i])
		}
		body := env.Attachments[0].Content.Body
		if i > 0 && !strings.HasSuffix(body[0].Text, fmt.Sprintf("(continued %d/%d)", i+1, len(ft.cards))) {
			t.Errorf("card %d opens with %q", i, body[0].Text)
		}
		if i == 0 && body[0].Style != "good" {
			t.Errorf("resolved style %q, want good", body[0].Style)
		}
		for _, e := range body {
			if strings.HasPrefix(e.Text, "paragraph") {
				texts = append(texts, e.Text)
			}
			if e.Type == "Table" {
				tables++
				if len(e.Rows) > tableRowsPerPart+1 || e.Rows[0].Cells[0].Items[0].Text != "name" {
					t.Errorf("table part of %d rows, header %q", len(e.Rows), e.Rows[0].Cells[0].Items[0].Text)
				}
			}
			if strings.HasPrefix(e.Text, "zzz") && !strings.HasSuffix(e.Text, "(cut to fit a Teams card)") {
				t.Error("the over-long text was not marked as cut")
			}
		}
	}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if tables != 4 {
		t.Errorf("%d table parts, want 4 (130 rows by 40)", tables)
	}
}

func TestFiles(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{255, 0, 0, 255})
	var pngData bytes.Buffer
	png.Encode(&pngData, img)
	f := &api.Finding{Title: "files"}
	f.AddEnrichment(
		api.FileBlock("graph.png", pngData.Bytes()),
		api.FileBlock("huge.png", bytes.Repeat([]byte{1}, 20000)),
		api.FileBlock("app.log", []byte(strings.Repeat("0123456789\n", 1000))),
		api.FileBlock("dump.bin", []byte{0, 1, 2}),
	)
	body, _ := render(f, "", true)
	imgEl := find(body, "Image", 0)
	if !strings.HasPrefix(imgEl.URL, "data:image/jpeg;base64,") || imgEl.AltText != "graph.png" {
		t.Errorf("image %q… alt %q, want a JPEG data URI", imgEl.URL[:min(len(imgEl.URL), 30)], imgEl.AltText)
	}
	var texts []string
	for _, e := range body {
		if e.Type == "TextBlock" {
			texts = append(texts, e.Text)
		}
	}
	wantTexts := []string{
		"📎 **huge.png** (20000 bytes): too large to show inline; Teams webhooks take no attachments",
		"📎 **app.log** (11000 bytes), the last lines (7007 bytes left out)",
		"📎 **dump.bin** (3 bytes): not shown; Teams webhooks take no attachments",
	}
	if diff := cmp.Diff(wantTexts, texts[len(texts)-3:]); diff != "" {
		t.Errorf("file lines (-want +got):\n%s", diff)
	}
	if tail := find(body, "RichTextBlock", 0).Inlines[0].Text; len(tail) > textTailBytes || !strings.HasPrefix(tail, "0123456789\n") {
		t.Errorf("log tail of %d bytes starting %q", len(tail), tail[:10])
	}
	off := false
	body, _ = render(f, "", off)
	if find(body, "Image", 0).Type != "" || find(body, "RichTextBlock", 0).Type != "" {
		t.Error("send_files: false still shows files")
	}
}

func TestRetries(t *testing.T) {
	for name, tc := range map[string]struct {
		answer http.HandlerFunc
		waits  []time.Duration
	}{
		"429 Retry-After":        {answer(429, "", "Retry-After", "7"), []time.Duration{7 * time.Second}},
		"429 capped":             {answer(429, "", "Retry-After", "9000"), []time.Duration{time.Minute}},
		"502":                    {answer(502, "bad gateway"), []time.Duration{time.Second}},
		"connector 200 with 429": {answer(200, "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429"), []time.Duration{time.Second}},
	} {
		t.Run(name, func(t *testing.T) {
			ft := newFake(t, tc.answer)
			s, clock := newSink(t, ft, Params{})
			if err := s.Write(context.Background(), &api.Finding{Title: "x"}); err != nil {
				t.Fatal(err)
			}
			if len(ft.cards) != 2 {
				t.Errorf("%d requests, want 2", len(ft.cards))
			}
			if diff := cmp.Diff(tc.waits, clock.Sleeps()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorsAreFinalAndHideTheURL(t *testing.T) {
	for name, a := range map[string]http.HandlerFunc{
		"400":           answer(400, "Bad payload"),
		"connector 200": answer(200, "Webhook Bad Request - Null or empty event error"),
	} {
		t.Run(name, func(t *testing.T) {
			ft := newFake(t, a)
			s, clock := newSink(t, ft, Params{})
			err := s.Write(context.Background(), &api.Finding{Title: "x"})
			if err == nil || !retry.IsPermanent(err) || strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "workflows") {
				t.Fatalf("error %v, want a final error without the URL's path", err)
			}
			if len(ft.cards) != 1 || len(clock.Sleeps()) != 0 {
				t.Errorf("%d requests, %d waits", len(ft.cards), len(clock.Sleeps()))
			}
		})
	}
}

func TestWebhookOverride(t *testing.T) {
	def, other := newFake(t), newFake(t)
	s, _ := newSink(t, def, Params{WebhookOverride: "annotations.teams-webhook"})
	for _, ann := range []map[string]string{
		{"teams-webhook": other.URL + "/team-b"},
		{"teams-webhook": "NOT_A_URL"}, // Robusta would read an env var by that name
		nil,
	} {
		if err := s.Write(context.Background(), &api.Finding{Title: "x", Subject: api.Subject{Annotations: ann}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(other.cards) != 1 || other.paths[0] != "/team-b" || len(def.cards) != 2 {
		t.Errorf("override got %d, default %d; want 1 and 2", len(other.cards), len(def.cards))
	}
	if _, err := New(Params{Common: sink.Common{Name: "t"}, WebhookURL: "https://x.example", WebhookOverride: "labels.x"}, sink.Global{}); err == nil {
		t.Error("a labels override was accepted")
	}
}

func TestParams(t *testing.T) {
	doc, _ := schema.Marshal(schema.Reflect(reflect.TypeFor[Params]()))
	sch, err := schema.Compile("mem://ms_teams_sink", doc)
	if err != nil {
		t.Fatal(err)
	}
	for params, ok := range map[string]bool{
		`{"name":"t","webhook_url":"https://x.webhook.office.com/a"}`:                                                                 true,
		`{"name":"t","webhook_url":"https://x.example/a","webhook_override":"$annotations.team-hook","send_files":false,"stop":true}`: true,
		`{"name":"t","webhook_url":"https://x.example/a","webhook_override":"labels.team"}`:                                           false,
		`{"name":"t","webhook_url":"https://x.example/a","webhook":"x"}`:                                                              false,
		`{"name":"t"}`: false,
	} {
		var v any
		json.Unmarshal([]byte(params), &v)
		if err := sch.Validate(v); (err == nil) != ok {
			t.Errorf("%s: valid = %v, want %v (%v)", params, err == nil, ok, err)
		}
	}
	_, err = Type.New([]byte(`{"name":"t","webhook_url":"x.example/SECRET"}`), sink.Global{})
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("bad URL: %v", err)
	}
	if !errors.Is(nil, nil) {
		t.Fatal()
	}
}

func BenchmarkRender(b *testing.B) {
	f := sinktest.EveryBlock()
	b.ReportAllocs()
	for b.Loop() {
		body, _ := render(f, "prod-eu", true)
		if _, err := pack(body, title(f)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOversizedEscapedText: text whose JSON escapes outgrow its bytes six
// times (control characters become \u0001) still leaves every card within
// the limit.
func TestOversizedEscapedText(t *testing.T) {
	f := &api.Finding{Title: "x"}
	f.AddEnrichment(api.MarkdownBlock(strings.Repeat("\x01", 30000)), api.JSONBlock(strings.Repeat("\x02", 30000)))
	body, _ := render(f, "", true)
	cards, err := pack(body, title(f))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cards {
		if len(c) > maxCardBytes {
			t.Errorf("card %d is %d bytes", i, len(c))
		}
	}
}

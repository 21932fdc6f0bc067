package slack

import (
	"bytes"
	"context"
	"image/png"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/graph"
)

// A graph enricher's PNG reaches Slack whole through the external upload
// flow, in the finding's thread, so Slack shows it as a picture: the
// bytes are the PNG drawn, not cut like a log, under the graph's name.
func TestGraphIsUploadedAsPNG(t *testing.T) {
	start := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	var pts []api.Point
	for i := range 61 {
		pts = append(pts, api.Point{Time: start.Add(time.Duration(i) * time.Minute), Value: float64(i%20) / 100})
	}
	drawn, err := graph.Chart{Title: "CPU Usage for this pod", Format: graph.CPUUsage, Start: start, End: start.Add(time.Hour),
		Series: []graph.Series{{Name: "web-1", Points: pts}}, Lines: []graph.Line{{Label: "Limit", Value: 0.25}}}.PNG()
	if err != nil {
		t.Fatal(err)
	}
	fs := newFakeSlack(t)
	// A log limit far below the PNG's size: a picture must not be cut.
	s := testSink(t, fs, newFakeClock(), Params{MaxLogFileLimitKB: 1}, nil)
	f := finding()
	f.Enrichments = append(f.Enrichments, api.Enrichment{Title: "Resources", Blocks: []api.Block{api.FileBlock("CPU Usage for this pod.png", drawn)}})
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	got, ok := fs.uploads["F001"]
	if !ok {
		t.Fatalf("nothing uploaded; uploads %v", fs.uploads)
	}
	if !bytes.Equal(got, drawn) {
		t.Errorf("uploaded %d bytes, drawn %d: the PNG changed on the way", len(got), len(drawn))
	}
	img, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatalf("the upload is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != graph.Width || b.Dy() != graph.Height {
		t.Errorf("uploaded image %dx%d, want %dx%d", b.Dx(), b.Dy(), graph.Width, graph.Height)
	}
	if g := fs.getURLs[0]; g.Get("filename") != "CPU Usage for this pod.png" {
		t.Errorf("getUploadURLExternal filename %q", g.Get("filename"))
	}
	if c := fs.completes[0]; c.Get("thread_ts") != "1700000000.000001" || c.Get("files") != `[{"id":"F001","title":"CPU Usage for this pod.png"}]` {
		t.Errorf("completeUploadExternal %v: want the graph in the finding's thread", c)
	}
}

package playbooks_test

import (
	"bytes"
	"flag"
	"image/png"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/api/graph"
	"github.com/robusta-go/robusta/runtime/api/graph/graphtest"
)

var updateGraphs = flag.Bool("update", false, "rewrite the golden graph PNGs in testdata")

// graphNow is the fixed "now" of the graph tests.
var graphNow = time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)

// fixGraphClock makes graphs end at graphNow, labelled in UTC.
func fixGraphClock(t *testing.T) { playbooks.SetGraphClock(t, graphNow, time.UTC) }

// ramp is an hour of points every 30 s up to graphNow: base + amp·sin.
func ramp(labels map[string]string, base, amp float64) api.Series {
	s := api.Series{Labels: labels}
	for i := 0; i <= 120; i++ {
		at := graphNow.Add(-time.Hour + time.Duration(i)*30*time.Second)
		s.Points = append(s.Points, api.Point{Time: at, Value: base + amp*math.Sin(float64(i)/12)})
	}
	return s
}

// graphFile returns the run's graph: a PNG of the graph's size and its
// SVG beside it, named and titled as Robusta names them (name is without
// the extension); the PNG is compared with testdata/<golden>.png ("" for
// no golden).
func graphFile(t *testing.T, res *apitest.Result, enrichmentTitle, name, golden string) []byte {
	t.Helper()
	if res.Err != nil {
		t.Fatalf("action failed: %v", res.Err)
	}
	f := res.Finding(t)
	if len(f.Enrichments) != 1 || f.Enrichments[0].Title != enrichmentTitle {
		t.Fatalf("want one enrichment titled %q:\n%s", enrichmentTitle, res)
	}
	files := res.Files()
	data, ok := files[name+".png"]
	svg := files[name+".svg"]
	if !ok || len(files) != 2 || !bytes.Contains(svg, []byte("<svg")) {
		t.Fatalf("want %q.png and .svg, got %d files:\n%s", name, len(files), res)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != graph.Width || cfg.Height != graph.Height {
		t.Fatalf("%s: not a %dx%d PNG (%v, %dx%d)", name, graph.Width, graph.Height, err, cfg.Width, cfg.Height)
	}
	if golden != "" {
		graphtest.Golden(t, filepath.Join("testdata", golden+".png"), data, *updateGraphs)
	}
	return data
}

// oneRange returns the one range query the action sent.
func oneRange(t *testing.T, prom *apitest.Prometheus) apitest.PrometheusCall {
	t.Helper()
	calls := prom.Calls()
	if len(calls) != 1 || calls[0].Kind != "query_range" {
		t.Fatalf("want one range query, got %+v", calls)
	}
	return calls[0]
}

package graph_test

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/graph"
	"github.com/robusta-go/robusta/runtime/api/graph/graphtest"
)

var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

// wave is an hour of points every 30s: base + amp·sin, deterministic.
func wave(base, amp, phase float64) []api.Point {
	var out []api.Point
	for i := 0; i <= 120; i++ {
		v := base + amp*math.Sin(float64(i)/12+phase)
		out = append(out, api.Point{Time: t0.Add(time.Duration(i) * 30 * time.Second), Value: v})
	}
	return out
}

func charts() map[string]graph.Chart {
	mib := 1024.0 * 1024
	return map[string]graph.Chart{
		"memory_limit_request": {
			Title:  "Memory Usage for this pod",
			Format: graph.Bytes,
			Series: []graph.Series{{Name: "web-7d9f8-abcde", Points: wave(300*mib, 80*mib, 0)}, {Name: "web-7d9f8-fghij", Points: wave(220*mib, 60*mib, 1.5)}},
			Lines:  []graph.Line{{Label: "Limit", Value: 512 * mib}, {Label: "Request", Value: 256 * mib}},
			Start:  t0, End: t0.Add(time.Hour),
		},
		"threshold": {
			Title:  `sum(rate(http_requests_total{status=~"5.."}[5m]))`,
			Series: []graph.Series{{Name: "api", Points: wave(0.6, 0.4, 0)}},
			Lines:  []graph.Line{{Label: "Threshold > 0.5", Value: 0.5}},
			Start:  t0, End: t0.Add(time.Hour),
		},
		"oom_mark_cet": {
			Title:    "Memory Usage for container app",
			Format:   graph.Bytes,
			Series:   []graph.Series{{Name: "app", Points: wave(400*mib, 100*mib, 0)}},
			Lines:    []graph.Line{{Label: "Limit", Value: 512 * mib}},
			Marks:    []graph.Mark{{Label: "OOM Kill Time", Time: t0.Add(40 * time.Minute)}},
			Location: time.FixedZone("CET", 3600),
			Start:    t0, End: t0.Add(time.Hour),
		},
		"no_data": {Title: "CPU Usage for this node", Format: graph.Percentage, Start: t0, End: t0.Add(time.Hour)},
		// Pod names longer than a legend column are cut in the middle,
		// keeping the hash that tells them apart.
		"long_legend": {Title: "CPU Usage for this deployment", Format: graph.CPUUsage, Series: longNamed(7), Start: t0, End: t0.Add(time.Hour)},
	}
}

func longNamed(n int) []graph.Series {
	var out []graph.Series
	for i := range n {
		out = append(out, graph.Series{Name: fmt.Sprintf("checkout-service-deployment-7d9f8c6b5-%05d", i), Points: wave(0.1+float64(i)*0.05, 0.02, float64(i))})
	}
	return out
}

func TestChartsMatchGoldens(t *testing.T) {
	for name, c := range charts() {
		t.Run(name, func(t *testing.T) {
			b, err := c.PNG()
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if cfg.Width != graph.Width || cfg.Height != graph.Height {
				t.Errorf("size %dx%d, want %dx%d", cfg.Width, cfg.Height, graph.Width, graph.Height)
			}
			checkGolden(t, name, b)
		})
	}
}

// The golden comparison must notice a real change: a chart without its
// limit line is not the golden one.
func TestGoldenComparisonCatchesAMissingLine(t *testing.T) {
	c := charts()["memory_limit_request"]
	c.Lines = c.Lines[1:]
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := charts()["memory_limit_request"].PNG()
	n, total, err := graphtest.DifferingPixels(want, b)
	if err != nil {
		t.Fatal(err)
	}
	if float64(n) <= graphtest.MaxDiffering*float64(total) {
		t.Errorf("dropping the limit line changed %d of %d pixels: within the golden budget, so the goldens cannot catch it", n, total)
	}
}

func TestSVGHasTheTitleAndLabels(t *testing.T) {
	b, err := charts()["oom_mark_cet"].SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{"<svg", "Memory Usage for container app", "OOM Kill Time", "Time (CET)", "Mar 14 10:00", "MiB"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestNaNIsAGap(t *testing.T) {
	pts := wave(1, 0.5, 0)
	pts[10].Value, pts[11].Value = math.NaN(), math.Inf(1)
	c := graph.Chart{Series: []graph.Series{{Name: "x", Points: pts}}}
	if _, err := c.PNG(); err != nil {
		t.Errorf("a series with NaN: %v", err)
	}
}

func TestFormatLabels(t *testing.T) {
	for _, c := range []struct {
		f    graph.Format
		v    float64
		want string
	}{
		{graph.Plain, 0.1 + 0.2, "0.3"}, {graph.Plain, 12, "12"},
		{graph.Bytes, 512, "512 Bytes"}, {graph.Bytes, 1.5 * 1024 * 1024, "1.5 MiB"},
		{graph.Percentage, 0.255, "25.5%"}, {graph.CPUUsage, 0.25, "250.0m"},
	} {
		if got := c.f.Label(c.v); got != c.want {
			t.Errorf("Label(%v) in format %d = %q, want %q", c.v, c.f, got, c.want)
		}
	}
	if _, err := graph.ParseFormat("Bytez"); err == nil || !strings.Contains(err.Error(), "Percentage") {
		t.Errorf("ParseFormat(Bytez): %v", err)
	}
}

func BenchmarkPNG(b *testing.B) {
	c := charts()["memory_limit_request"]
	for b.Loop() {
		if _, err := c.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVG(b *testing.B) {
	c := charts()["memory_limit_request"]
	for b.Loop() {
		if _, err := c.SVG(); err != nil {
			b.Fatal(err)
		}
	}
}

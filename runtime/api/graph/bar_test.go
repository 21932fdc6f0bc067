package graph_test

import (
	"bytes"
	"image/png"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/api/graph"
)

func bars() graph.BarChart {
	return graph.BarChart{
		Title:      "Actual Vs Requested vCPUs on Node node-1",
		Categories: []string{"api-0", "worker-1"},
		Groups: []graph.BarGroup{
			{Name: "Actual CPU Usage", Values: []float64{2, 0.4}},
			{Name: "CPU Request", Values: []float64{0.5, math.NaN()}},
		},
	}
}

// A bar chart is drawn at the graphs' size, with its title, categories
// and legend as text in the SVG. (node_cpu_enricher's test compares its
// PNG with a golden.)
func TestBarChart(t *testing.T) {
	b, err := bars().PNG()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != graph.Width || cfg.Height != graph.Height {
		t.Fatalf("PNG %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, graph.Width, graph.Height)
	}
	svg, err := bars().SVG()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Actual Vs Requested vCPUs on Node node-1", "api-0", "worker-1", "Actual CPU Usage", "CPU Request"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

// A group whose values do not match the categories is an error naming
// it, not a chart with shifted bars.
func TestBarChartMismatchedGroup(t *testing.T) {
	c := bars()
	c.Groups[1].Values = []float64{1}
	if _, err := c.PNG(); err == nil || !strings.Contains(err.Error(), `"CPU Request": 1 values for 2 categories`) {
		t.Errorf("err %v, want the group named", err)
	}
}

// Only missing values: "No data" in the middle, as a time series chart.
func TestBarChartNoData(t *testing.T) {
	c := graph.BarChart{Title: "t", Categories: []string{"a"}, Groups: []graph.BarGroup{{Name: "g", Values: []float64{math.NaN()}}}}
	svg, err := c.SVG()
	if err != nil || !strings.Contains(string(svg), "No data") {
		t.Errorf("SVG without data: %v, want No data", err)
	}
}

// Tick labels are round: a Percentage axis up to 0.6 once read
// "60.00000000000001%" (0.6/0.01 in floating point).
func TestBarChartTickLabelsAreRound(t *testing.T) {
	c := graph.BarChart{Title: "t", Format: graph.Percentage, Categories: []string{"a"}, Groups: []graph.BarGroup{{Name: "g", Values: []float64{0.5}}}}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := percents(string(svg)), []string{"0%", "20%", "40%", "60%"}; !slices.Equal(got, want) {
		t.Errorf("tick labels %q, want %q", got, want)
	}
}

// percents returns the SVG's texts that hold a %, for a failure message.
func percents(svg string) []string {
	var out []string
	for _, part := range strings.Split(svg, ">") {
		if text, _, ok := strings.Cut(part, "<"); ok && strings.Contains(text, "%") {
			out = append(out, text)
		}
	}
	return out
}

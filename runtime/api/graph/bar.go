package graph

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BarChart is a bar chart of values by category, the bars of each group
// side by side: Robusta's pygal.Bar, as node_cpu_enricher draws a node's
// pods' actual CPU against their requests.
type BarChart struct {
	Title string
	// Categories label the x axis (slanted, as Robusta's), one place each.
	Categories []string
	// Groups are the bars: one value per category each; NaN is a
	// missing value, drawn as no bar (Robusta's "no data").
	Groups []BarGroup
	// Format says how y values are labelled.
	Format Format
}

// BarGroup is one named, coloured set of bars.
type BarGroup struct {
	Name   string
	Values []float64
}

// PNG draws the chart as a PNG image of Width×Height pixels.
func (b BarChart) PNG() ([]byte, error) { return encodePNG("bar chart", b.draw) }

// SVG draws the chart as an SVG document.
func (b BarChart) SVG() ([]byte, error) { return encodeSVG("bar chart", b.draw) }

// draw paints the plot with a 10pt margin on every side.
func (b BarChart) draw(dc draw.Canvas) error {
	p, err := b.plot()
	if err != nil {
		return err
	}
	p.Draw(draw.Crop(dc, vg.Points(10), -vg.Points(10), vg.Points(10), -vg.Points(10)))
	return nil
}

func (b BarChart) plot() (*plot.Plot, error) {
	p := plot.New()
	p.BackgroundColor = color.White
	p.Title.Text = b.Title
	p.Title.TextStyle.Font = font.From(sans, 15)
	p.Title.Padding = vg.Points(8)
	p.Y.Tick.Marker = yTicks{b.Format}
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Label.Font = font.From(sans, 10)
		a.Color, a.Tick.Color = axisGrey, axisGrey
	}
	// Slanted names ending under their place, as Robusta's
	// x_label_rotation=-40 (pygal turns clockwise, gonum the other way):
	// pod names are long.
	p.X.Tick.Label.Rotation = 40 * math.Pi / 180
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	names := make([]string, len(b.Categories))
	for i, c := range b.Categories {
		names[i] = cut(c, legendChars)
	}
	p.NominalX(names...)
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = color.Transparent, gridGrey
	p.Add(grid)
	p.Legend.Top, p.Legend.Left = true, false
	p.Legend.TextStyle.Font = legendFont

	// The bars fill 70% of their place (the plot is about 900pt wide),
	// at most 60pt each.
	width := vg.Points(math.Max(2, math.Min(60, 0.7*900/float64(max(1, len(b.Categories)*len(b.Groups))))))
	top, points := 0.0, 0
	for i, g := range b.Groups {
		if len(g.Values) != len(b.Categories) {
			return nil, fmt.Errorf("bar group %q: %d values for %d categories", g.Name, len(g.Values), len(b.Categories))
		}
		vals := make(plotter.Values, len(g.Values))
		for j, v := range g.Values {
			if finite(v) {
				vals[j], top = v, math.Max(top, v)
				points++
			}
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, fmt.Errorf("bar group %q: %w", g.Name, err)
		}
		bars.Color, bars.LineStyle.Width = seriesColor(i), 0
		bars.Offset = vg.Length(float64(i)-float64(len(b.Groups)-1)/2) * width
		p.Add(bars)
		p.Legend.Add(g.Name, bars)
	}
	if top == 0 {
		top = 1
	}
	p.Y.Min, p.Y.Max = 0, top*1.2
	// Half a place of margin each side, so the outer bars are whole.
	p.X.Min, p.X.Max = -0.5, float64(len(b.Categories))-0.5
	if points == 0 {
		p.Add(noData{})
	}
	return p, nil
}

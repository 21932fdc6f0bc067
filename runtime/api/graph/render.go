package graph

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/robusta-go/robusta/runtime/api"
)

// dpi maps pixels to the canvas' points: at 96 dpi one pixel is 0.75pt.
const dpi = 96

func size() (vg.Length, vg.Length) {
	return vg.Length(Width) * vg.Inch / dpi, vg.Length(Height) * vg.Inch / dpi
}

// PNG draws the chart as a PNG image.
func (c Chart) PNG() ([]byte, error) { return encodePNG("chart", c.draw) }

// SVG draws the chart as an SVG document.
func (c Chart) SVG() ([]byte, error) { return encodeSVG("chart", c.draw) }

// encodePNG draws with paint on a white Width×Height canvas and encodes it
// as PNG; what names the picture in errors.
func encodePNG(what string, paint func(draw.Canvas) error) ([]byte, error) {
	w, h := size()
	canvas := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	if err := paint(draw.New(canvas)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encoding the %s as PNG: %w", what, err)
	}
	return buf.Bytes(), nil
}

// encodeSVG draws with paint on a Width×Height canvas and encodes it as
// SVG; what names the picture in errors.
func encodeSVG(what string, paint func(draw.Canvas) error) ([]byte, error) {
	w, h := size()
	canvas := vgsvg.New(w, h)
	if err := paint(draw.New(canvas)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encoding the %s as SVG: %w", what, err)
	}
	return buf.Bytes(), nil
}

// draw lays the chart out: the plot on top, the legend in a strip under it.
func (c Chart) draw(dc draw.Canvas) error {
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	entries := c.legendEntries()
	legendH := vg.Length(0)
	if !c.HideLegend && len(entries) > 0 {
		legendH = legendHeight(len(entries))
	}
	pad := vg.Points(10)
	p, err := c.plot()
	if err != nil {
		return err
	}
	// The right margin leaves room for half of the last time label,
	// which is centred on the axis' end.
	p.Draw(draw.Crop(dc, pad, -5*pad, legendH+pad/2, -pad))
	if legendH > 0 {
		drawLegend(draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: dc.Min.X + 4*pad, Y: dc.Min.Y + pad/2},
			Max: vg.Point{X: dc.Max.X - pad, Y: dc.Min.Y + legendH},
		}}, entries)
	}
	return nil
}

// plot builds the gonum plot: axes, grid, series, lines and marks.
func (c Chart) plot() (*plot.Plot, error) {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	p := plot.New()
	p.BackgroundColor = color.White
	p.Title.Text = c.Title
	p.Title.TextStyle.Font = font.From(sans, 15)
	p.Title.Padding = vg.Points(8)
	p.X.Tick.Marker = xTicks{loc}
	p.X.Label.Text = "Time (" + zoneName(loc, c.End) + ")"
	p.X.Label.TextStyle.Font = font.From(sans, 10)
	p.Y.Tick.Marker = yTicks{c.Format}
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Label.Font = font.From(sans, 10)
		a.Color, a.Tick.Color = axisGrey, axisGrey
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = gridGrey, gridGrey
	p.Add(grid)

	xmin, xmax, ymin, ymax, points := c.bounds()
	p.X.Min, p.X.Max = unix(xmin), unix(xmax)
	p.Y.Min, p.Y.Max = ymin, ymax

	for i, s := range c.Series {
		for _, seg := range segments(s.Points) {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return nil, fmt.Errorf("series %q: %w", s.Name, err)
			}
			l.LineStyle = draw.LineStyle{Color: seriesColor(i), Width: vg.Points(2)}
			p.Add(l)
		}
	}
	for _, ln := range c.Lines {
		l, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: ln.Value}, {X: p.X.Max, Y: ln.Value}})
		if err != nil {
			return nil, fmt.Errorf("line %q: %w", ln.Label, err)
		}
		l.LineStyle = lineStyle(ln)
		p.Add(l)
	}
	for _, m := range c.Marks {
		l, err := plotter.NewLine(plotter.XYs{{X: unix(m.Time), Y: p.Y.Min}, {X: unix(m.Time), Y: p.Y.Max}})
		if err != nil {
			return nil, fmt.Errorf("mark %q: %w", m.Label, err)
		}
		l.LineStyle = markStyle
		p.Add(l)
	}
	if points == 0 {
		p.Add(noData{})
	}
	return p, nil
}

// bounds is the x range (the chart's window, else the data's) and the y
// range: from 0 (or the lowest value when negative) to 20% over the
// highest value or line, as Robusta pads it.
func (c Chart) bounds() (xmin, xmax time.Time, ymin, ymax float64, points int) {
	xmin, xmax = c.Start, c.End
	var dataMin, dataMax time.Time
	for _, s := range c.Series {
		for _, pt := range s.Points {
			if !finite(pt.Value) {
				continue
			}
			points++
			ymin, ymax = math.Min(ymin, pt.Value), math.Max(ymax, pt.Value)
			if dataMin.IsZero() || pt.Time.Before(dataMin) {
				dataMin = pt.Time
			}
			if pt.Time.After(dataMax) {
				dataMax = pt.Time
			}
		}
	}
	for _, l := range c.Lines {
		if finite(l.Value) {
			ymin, ymax = math.Min(ymin, l.Value), math.Max(ymax, l.Value)
		}
	}
	if xmin.IsZero() {
		xmin = dataMin
	}
	if xmax.IsZero() {
		xmax = dataMax
	}
	for _, m := range c.Marks {
		if xmin.IsZero() || m.Time.Before(xmin) {
			xmin = m.Time
		}
		if m.Time.After(xmax) {
			xmax = m.Time
		}
	}
	if xmax.IsZero() {
		xmax = time.Now()
	}
	if !xmax.After(xmin) {
		xmin = xmax.Add(-time.Hour)
	}
	if ymax == ymin {
		ymax = ymin + 1
	}
	ymax += (ymax - ymin) * 0.2
	return xmin, xmax, ymin, ymax, points
}

// segments splits points at NaN and infinite values, which Prometheus
// returns (a division by zero) and a line cannot pass through: the series
// shows a gap there.
func segments(points []api.Point) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for _, pt := range points {
		if !finite(pt.Value) {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, plotter.XY{X: unix(pt.Time), Y: pt.Value})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func unix(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }

// zoneName names the zone of the labels at t (UTC, CET, +0530).
func zoneName(loc *time.Location, t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	name, _ := t.In(loc).Zone()
	return name
}

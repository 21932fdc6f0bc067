package graph

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The legend is drawn under the plot in columns, as Robusta's
// (legend_at_bottom, 5 columns); gonum's own legend sits inside the plot,
// where it hides lines.
const (
	legendColumns = 5
	legendMax     = 20 // entries shown; more are counted in the last
)

var (
	legendRow  = vg.Points(16)
	legendFont = font.From(sans, 10)
)

type legendEntry struct {
	label string
	style draw.LineStyle
}

func (c Chart) legendEntries() []legendEntry {
	var out []legendEntry
	for i, s := range c.Series {
		out = append(out, legendEntry{s.Name, draw.LineStyle{Color: seriesColor(i), Width: vg.Points(2)}})
	}
	for _, l := range c.Lines {
		out = append(out, legendEntry{l.Label, lineStyle(l)})
	}
	for _, m := range c.Marks {
		out = append(out, legendEntry{m.Label, markStyle})
	}
	if len(out) > legendMax {
		more := len(out) - legendMax + 1
		out = append(out[:legendMax-1], legendEntry{fmt.Sprintf("… and %d more", more), draw.LineStyle{Color: color.Transparent}})
	}
	return out
}

func legendHeight(n int) vg.Length {
	rows := (n + legendColumns - 1) / legendColumns
	return vg.Length(rows)*legendRow + vg.Points(6)
}

func drawLegend(c draw.Canvas, entries []legendEntry) {
	colW := (c.Max.X - c.Min.X) / legendColumns
	st := draw.TextStyle{Color: color.Black, Font: legendFont, Handler: plot.DefaultTextHandler, YAlign: draw.YCenter}
	thumb := vg.Points(18)
	for i, e := range entries {
		row, col := i/legendColumns, i%legendColumns
		x := c.Min.X + vg.Length(col)*colW
		y := c.Max.Y - vg.Length(row)*legendRow - legendRow/2
		if e.style.Color != color.Transparent {
			c.StrokeLine2(e.style, x, y, x+thumb, y)
		}
		c.FillText(st, vg.Point{X: x + thumb + vg.Points(5), Y: y}, fit(st, e.label, colW-thumb-vg.Points(12)))
	}
}

// fit cuts label in the middle until it is at most w wide: the end of a
// pod's name (its hash) is what tells two pods of one deployment apart.
func fit(st draw.TextStyle, label string, w vg.Length) string {
	if st.Width(label) <= w {
		return label
	}
	r := []rune(label)
	for n := len(r) - 1; n > 1; n-- {
		head := (n + 1) / 2
		s := string(r[:head]) + "…" + string(r[len(r)-(n-head):])
		if st.Width(s) <= w {
			return s
		}
	}
	return "…"
}

// legendChars is how many characters of a category label bar charts keep.
const legendChars = 38

// cut keeps the first n characters of s, marking the cut with "…".
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

package graph

import (
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

var (
	axisGrey = color.RGBA{0x55, 0x55, 0x55, 0xff}
	gridGrey = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	// Robusta's colours for limit, request and other lines.
	limitRed     = color.RGBA{0xff, 0x59, 0x59, 0xff}
	requestGreen = color.RGBA{0x0d, 0xc2, 0x91, 0xff}
	linePurple   = color.RGBA{0x2a, 0x00, 0x65, 0xff}
)

// palette colours the series. Robusta draws every series in one dark
// grey (#3F3F3F), so two pods cannot be told apart; these are distinct
// and readable on white.
var palette = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff}, {0x94, 0x67, 0xbd, 0xff},
	{0x8c, 0x56, 0x4b, 0xff}, {0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
	{0x17, 0xbe, 0xcf, 0xff}, {0x3f, 0x3f, 0x3f, 0xff},
}

func seriesColor(i int) color.Color { return palette[i%len(palette)] }

// lineStyle is a horizontal line's: a limit red, a request green, a
// threshold or other line dark purple and dashed, as in Robusta.
func lineStyle(l Line) draw.LineStyle {
	st := draw.LineStyle{Color: l.Color, Width: vg.Points(2)}
	if st.Color == nil {
		switch {
		case strings.Contains(l.Label, "Limit"):
			st.Color = limitRed
		case strings.Contains(l.Label, "Request"):
			st.Color = requestGreen
		default:
			st.Color = linePurple
			st.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		}
	}
	return st
}

// markStyle is a vertical mark's: red, dotted, as Robusta's OOM Kill Time.
var markStyle = draw.LineStyle{Color: limitRed, Width: vg.Points(2), Dashes: []vg.Length{vg.Points(2), vg.Points(4)}}

// sans is Liberation Sans, embedded by gonum: plot's default is the serif.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// noData writes "No data" in the middle of an empty plot.
type noData struct{}

func (noData) Plot(c draw.Canvas, p *plot.Plot) {
	st := p.Title.TextStyle
	st.Color = axisGrey
	st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
	c.FillText(st, c.Center(), "No data")
}

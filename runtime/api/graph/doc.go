// Package graph draws Prometheus series as a time-series chart, PNG for
// chat sinks (Slack shows an uploaded PNG as a picture) or SVG: Robusta's
// graphs (pygal) in Go.
//
// The drawing library is gonum.org/v1/plot: pure Go (no cgo, no system
// fonts: it embeds the Liberation fonts, so the runner's static image
// draws the same text everywhere), maintained by the gonum project, with
// PNG and SVG back ends behind one canvas interface, time tick labels and
// custom tickers. The alternatives on the module proxy were worse fits:
// github.com/wcharczuk/go-chart is archived (last release 2024, Go 1.15),
// go-echarts writes HTML for a browser, not an image a sink can attach.
//
// A Chart is drawn as Robusta draws one: 1280×500 pixels, the title on
// top (the query when there is none), the y axis from 0 with 20% headroom
// above the highest value or line, y labels in the chart's Format (bytes,
// percent, millicores), time labels on the x axis in the chart's time zone
// (named under the axis), one line per series, horizontal lines for
// limits, requests and alert thresholds, vertical ones for events such as
// an OOM kill, and the legend under the plot in columns. A chart without
// data says so in the middle instead of drawing an empty frame with no
// explanation.
//
// The package is under runtime/api, not internal, because authors who
// draw their own graphs use it too; runtime/api itself does not import it,
// so actions that draw nothing do not pull in the drawing code.
package graph

package graph

import (
	"image/color"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Chart is one graph to draw.
type Chart struct {
	// Title is drawn on top.
	Title string
	// Series are the lines, each with its legend name.
	Series []Series
	// Format says how y values are labelled.
	Format Format
	// Lines are horizontal lines: limits, requests, thresholds.
	Lines []Line
	// Marks are vertical lines at a time, such as an OOM kill.
	Marks []Mark
	// Start and End bound the x axis; zero values fit the data.
	Start, End time.Time
	// Location is the time zone of the x labels; nil is UTC.
	Location *time.Location
	// HideLegend leaves the legend out (custom_graph_enricher's hide_legends).
	HideLegend bool
}

// Series is one named line.
type Series struct {
	Name   string
	Points []api.Point
}

// Line is a horizontal line at Value.
type Line struct {
	Label string
	Value float64
	// Color is the line's colour; nil picks by label as Robusta does:
	// red for a limit, green for a request, dark purple otherwise.
	Color color.Color
}

// Mark is a vertical line at Time.
type Mark struct {
	Label string
	Time  time.Time
}

// Size is the image's size in pixels: Robusta's 1280×500.
const (
	Width  = 1280
	Height = 500
)

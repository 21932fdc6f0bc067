package playbooks

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/graph"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// graphNow and graphZone are the graphs' clock and the zone of their time
// labels: the runner's (TZ, UTC in its image), as Robusta labels its
// graphs in the runner's local time. Tests fix both.
var (
	graphNow  = time.Now
	graphZone = time.Local
)

// graphSpec is one graph to query and draw, Robusta's
// create_chart_from_prometheus_query.
type graphSpec struct {
	query      string // templated, as sent
	title      string // "" is the query
	format     graph.Format
	lines      []graph.Line
	marks      []graph.Mark
	start, end time.Time
	// filterJobs keeps one series per target (container, pod or node),
	// the kubelet's when there is one, as Robusta's filter_prom_jobs.
	filterJobs bool
	// fallbackName names series without a target label (Robusta's
	// chart_label_factory).
	fallbackName string
	hideLegend   bool
}

// graphWindow is Robusta's: it ends now and spans graph_duration_minutes,
// or since the alert started when that is longer.
func graphWindow(alertStart time.Time, minutes int) (start, end time.Time) {
	end = graphNow()
	d := time.Duration(minutes) * time.Minute
	if !alertStart.IsZero() && end.Sub(alertStart) > d {
		d = end.Sub(alertStart)
	}
	return end.Add(-d), end
}

// graphStep is Robusta's resolution: 250 points up to an hour, one a
// minute up to a day, one per 5 minutes up to a week, else 3000 points;
// never under a second.
func graphStep(d time.Duration) time.Duration {
	var points float64
	switch {
	case d <= time.Hour:
		points = 250
	case d <= 24*time.Hour:
		points = math.Ceil(d.Minutes())
	case d <= 7*24*time.Hour:
		points = math.Ceil(d.Minutes() / 5)
	default:
		points = 3000
	}
	return max(time.Duration(float64(d)/points), time.Second)
}

// drawGraph runs the range query and draws it as file blocks named after
// the title, as Robusta names its graph files: the PNG, and the SVG beside
// it, which the engine passes only to sinks with send_svg (Robusta's
// sinks, too, get the PNG unless they ask for the SVG).
func drawGraph(ctx context.Context, prom api.Prometheus, s graphSpec) ([]api.Block, error) {
	res, err := prom.QueryRange(ctx, s.query, api.Range{Start: s.start, End: s.end, Step: graphStep(s.end.Sub(s.start))})
	if err != nil {
		return nil, err
	}
	if s.filterJobs {
		res = oneSeriesPerTarget(res)
	}
	title := s.title
	if title == "" {
		title = s.query
	}
	c := graph.Chart{Title: title, Format: s.format, Lines: s.lines, Marks: s.marks, Start: s.start, End: s.end, Location: graphZone, HideLegend: s.hideLegend}
	for _, r := range res {
		c.Series = append(c.Series, graph.Series{Name: seriesName(r.Labels, s.fallbackName), Points: r.Points})
	}
	png, err := c.PNG()
	if err != nil {
		return nil, fmt.Errorf("drawing %q: %w", title, err)
	}
	svg, err := c.SVG()
	if err != nil {
		return nil, fmt.Errorf("drawing %q: %w", title, err)
	}
	name := graphFileName(title)
	return []api.Block{api.FileBlock(name+".png", png), api.FileBlock(name+".svg", svg)}, nil
}

// graphFileName is the title as a file name, without the extension: no
// path separators, and short enough for a chat upload's title.
func graphFileName(title string) string {
	name := strings.NewReplacer("/", "_", "\\", "_", "\n", " ").Replace(title)
	if r := []rune(name); len(r) > 96 {
		name = string(r[:96])
	}
	return name
}

// seriesName is Robusta's legend label: the series' container, pod or node
// label, else its other label values (job left out), else fallback.
func seriesName(labels map[string]string, fallback string) string {
	if t := target(labels); t != "" {
		return t
	}
	var vals []string
	for _, k := range slices.Sorted(maps.Keys(labels)) {
		if k != "job" && k != "__name__" {
			vals = append(vals, labels[k])
		}
	}
	if len(vals) == 0 {
		return fallback
	}
	return strings.Join(vals, ", ")
}

func target(labels map[string]string) string {
	for _, k := range []string{"container", "pod", "node"} {
		if v := labels[k]; v != "" {
			return v
		}
	}
	return ""
}

// oneSeriesPerTarget keeps, of the series of one target, the kubelet job's
// if there is one, else the first by job name: cAdvisor metrics come from
// both the kubelet and other scrapers, and one pod would be drawn twice.
// Series without a target are kept (Robusta drops them when there are
// several, which leaves an empty graph).
func oneSeriesPerTarget(in []api.Series) []api.Series {
	if len(in) <= 1 {
		return in
	}
	chosen := map[string]int{}
	var out []api.Series
	for _, s := range in {
		t := target(s.Labels)
		if t == "" {
			out = append(out, s)
			continue
		}
		i, seen := chosen[t]
		if !seen {
			chosen[t] = len(out)
			out = append(out, s)
			continue
		}
		cur := out[i].Labels["job"]
		if cur != "kubelet" && (s.Labels["job"] == "kubelet" || s.Labels["job"] < cur) {
			out[i] = s
		}
	}
	return out
}

// promQuery fills $variables of a query template as Robusta does: its
// labels, <missing> for others; values are escaped for the quoted PromQL
// strings they go into, so a label value cannot end the string.
func promQuery(template string, labels map[string]string) string {
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return tmpl.Expand(template, func(k string) (string, bool) {
		v, ok := labels[k]
		return esc.Replace(v), ok
	})
}

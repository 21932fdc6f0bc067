package graph

import (
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
)

// yTicks labels the y axis with about five round values in the chart's
// unit: 128 MiB steps for bytes, 10% for ratios, 250m for cores. gonum's
// default ticks are round in raw numbers, so a bytes axis read 286.1 MiB.
type yTicks struct{ f Format }

func (t yTicks) Ticks(min, max float64) []plot.Tick {
	unit := t.f.unit(math.Max(math.Abs(min), math.Abs(max)))
	step := niceStep((max-min)/unit/5) * unit
	var out []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+step*1e-9; v += step {
		out = append(out, plot.Tick{Value: v, Label: t.f.tickLabel(v, unit)})
		if mid := v + step/2; mid < max {
			out = append(out, plot.Tick{Value: mid}) // minor
		}
	}
	return out
}

// tickLabel writes a tick's round value without Label's fixed decimal:
// "600 MiB", "20%", "250m".
func (f Format) tickLabel(v, unit float64) string {
	if math.Abs(v) < unit*1e-9 {
		v = 0
	}
	// Rounded to 9 significant decimals: 0.6/0.01 is 59.99999999999999.
	n := strconv.FormatFloat(math.Round(v/unit*1e9)/1e9, 'f', -1, 64)
	switch f {
	case Bytes:
		return n + " " + byteUnits[int(math.Round(math.Log(unit)/math.Log(1024)))]
	case Percentage:
		return n + "%"
	case CPUUsage:
		return n + "m"
	}
	return plainLabel(v)
}

// unit is the scale the format's labels count in: 1024^k bytes, 1/100
// for percentages, 1/1000 for millicores.
func (f Format) unit(v float64) float64 {
	switch f {
	case Bytes:
		u := 1.0
		for v >= 1024*u && u < math.Pow(1024, 6) {
			u *= 1024
		}
		return u
	case Percentage:
		return 0.01
	case CPUUsage:
		return 0.001
	}
	return 1
}

// niceStep rounds x up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if x <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// xTicks labels the time axis at round times of the chart's zone, at most
// about eight labels ("Mar 14 09:15"), whatever the window.
type xTicks struct{ loc *time.Location }

var timeSteps = []time.Duration{
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
	2 * 24 * time.Hour, 7 * 24 * time.Hour,
}

func (t xTicks) Ticks(min, max float64) []plot.Tick {
	start, end := fromUnix(min).In(t.loc), fromUnix(max).In(t.loc)
	step := timeSteps[len(timeSteps)-1]
	for _, s := range timeSteps {
		if end.Sub(start)/s <= 8 {
			step = s
			break
		}
	}
	format := "Jan 2 15:04"
	if step >= 24*time.Hour {
		format = "Jan 2"
	}
	// Round in the zone's wall clock, so a +05:30 zone gets :00 and :30.
	_, off := start.Zone()
	offset := time.Duration(off) * time.Second
	first := start.Add(offset).Truncate(step).Add(-offset)
	var out []plot.Tick
	for at := first; !at.After(end); at = at.Add(step) {
		if at.Before(start) {
			continue
		}
		out = append(out, plot.Tick{Value: unix(at), Label: at.Format(format)})
		if mid := at.Add(step / 2); mid.Before(end) {
			out = append(out, plot.Tick{Value: unix(mid)})
		}
	}
	return out
}

func fromUnix(s float64) time.Time { return time.UnixMilli(int64(math.Round(s * 1000))) }

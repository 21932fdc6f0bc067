package graph

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Format is how y values are written: Robusta's ChartValuesFormat.
type Format int

// The formats, by Robusta's names.
const (
	Plain      Format = iota // 0.25
	Bytes                    // 512.0 MiB
	Percentage               // 25.0% (values are ratios, 0.25)
	CPUUsage                 // 250.0m (values are cores)
)

var formatNames = map[string]Format{"Plain": Plain, "Bytes": Bytes, "Percentage": Percentage, "CPUUsage": CPUUsage}

// ParseFormat reads a format by its Robusta name ("Plain", "Bytes",
// "Percentage", "CPUUsage").
func ParseFormat(name string) (Format, error) {
	if f, ok := formatNames[name]; ok {
		return f, nil
	}
	return Plain, fmt.Errorf("chart values format %q: want one of Plain, Bytes, Percentage, CPUUsage", name)
}

// Label writes v in the format.
func (f Format) Label(v float64) string {
	switch f {
	case Bytes:
		return bytesLabel(v)
	case Percentage:
		return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
	case CPUUsage:
		return strconv.FormatFloat(1000*v, 'f', 1, 64) + "m"
	default:
		return plainLabel(v)
	}
}

// bytesLabel is humanize.naturalsize(v, binary=True), as Robusta writes it.
func bytesLabel(v float64) string {
	if math.Abs(v) < 1024 {
		return strconv.FormatFloat(v, 'f', 0, 64) + " Bytes"
	}
	i := 1
	v /= 1024
	for math.Abs(v) >= 1024 && i < len(byteUnits)-1 {
		v /= 1024
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + byteUnits[i]
}

// byteUnits are humanize's binary units, by power of 1024.
var byteUnits = []string{"Bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}

// plainLabel writes v with at most 4 significant decimals and no trailing
// zeros, so 0.1+0.2 is 0.3.
func plainLabel(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

package playbooks

import (
	"math"
	"strconv"
)

// pyFloat writes f as Python's str(float) does for the values these
// enrichers show: shortest form, with ".0" on whole numbers, so that
// Robusta's messages read the same here ("4.0", "3.25").
func pyFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if f == math.Trunc(f) && !math.IsInf(f, 0) {
		s += ".0"
	}
	return s
}

// round2 is Python's round(f, 2) for display: two decimals at most.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

// sizeUnits are Robusta's pretty_size units: binary multiples named
// KB, MB, ... as Robusta names them.
var sizeUnits = []struct {
	factor float64
	suffix string
}{
	{1 << 50, " PB"}, {1 << 40, " TB"}, {1 << 30, " GB"}, {1 << 20, " MB"}, {1 << 10, " KB"},
}

// prettySize is Robusta's pretty_size: bytes in the largest unit they
// reach, rounded to two decimals ("15.0 GB", "512.5 MB", "1 byte").
func prettySize(bytes float64) string {
	for _, u := range sizeUnits {
		if bytes >= u.factor {
			return pyFloat(round2(bytes/u.factor)) + u.suffix
		}
	}
	amount := round2(bytes)
	if amount == 1 {
		return "1.0 byte"
	}
	return pyFloat(amount) + " bytes"
}

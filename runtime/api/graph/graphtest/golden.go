// Package graphtest compares drawn graphs with golden PNGs by their
// decoded pixels, within a tolerance, so that a new Go or font rasteriser
// version does not fail tests that a real change (a missing line, a moved
// label) still fails.
package graphtest

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// PixelTolerance is how far apart two pixels' channels may be (of 65535)
// and still count as equal: anti-aliasing differs slightly between
// versions.
const PixelTolerance = 0x3000

// MaxDiffering is the share of pixels that may differ beyond the
// tolerance: a dropped limit line changes several times more.
const MaxDiffering = 0.002

// Golden compares the PNG got with the file at path; with update it
// rewrites the file instead. A mismatch writes got next to the test's
// temporary files and names it, to look at.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	n, total, err := DifferingPixels(want, got)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if float64(n) > MaxDiffering*float64(total) {
		bad := filepath.Join(t.TempDir(), filepath.Base(path))
		_ = os.WriteFile(bad, got, 0o644)
		t.Errorf("%s: %d of %d pixels differ (budget %.1f%%); the new image is %s", path, n, total, 100*MaxDiffering, bad)
	}
}

// DifferingPixels decodes two PNGs and counts the pixels that differ by
// more than PixelTolerance in a channel; images of different sizes differ
// everywhere.
func DifferingPixels(a, b []byte) (n, total int, err error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, 0, err
	}
	r := ia.Bounds()
	total = r.Dx() * r.Dy()
	if ib.Bounds() != r {
		return total, total, nil
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !near(ia, ib, x, y) {
				n++
			}
		}
	}
	return n, total, nil
}

func near(a, b image.Image, x, y int) bool {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		if d[0] > d[1]+PixelTolerance || d[1] > d[0]+PixelTolerance {
			return false
		}
	}
	return true
}

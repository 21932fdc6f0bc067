package graph_test

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

// pixelTolerance is how far apart two pixels' channels may be (of 65535)
// and still count as equal: anti-aliasing and font rasterisation differ
// slightly between Go and library versions.
const pixelTolerance = 0x3000

// maxDiffering is the share of pixels that may differ beyond the
// tolerance: a moved tick label or a missing line changes far more.
const maxDiffering = 0.002

// checkGolden compares the PNG got with testdata/name.png by decoded
// pixels, not bytes, within the budget above; -update rewrites it.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if n, total, err := differingPixels(want, got); err != nil {
		t.Fatal(err)
	} else if float64(n) > maxDiffering*float64(total) {
		bad := filepath.Join(t.TempDir(), name+".png")
		_ = os.WriteFile(bad, got, 0o644)
		t.Errorf("%s: %d of %d pixels differ (budget %.1f%%); got written to %s", path, n, total, 100*maxDiffering, bad)
	}
}

// differingPixels decodes both PNGs and counts the pixels that differ by
// more than pixelTolerance in a channel; images of different sizes differ
// everywhere.
func differingPixels(a, b []byte) (n, total int, err error) {
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
			if !close(ia, ib, x, y) {
				n++
			}
		}
	}
	return n, total, nil
}

func close(a, b image.Image, x, y int) bool {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		if d[0] > d[1]+pixelTolerance || d[1] > d[0]+pixelTolerance {
			return false
		}
	}
	return true
}

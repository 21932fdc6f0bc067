package main

import (
	"context"
	"log"
	"path/filepath"
	"time"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/gen/load"
)

// phases times, in this process, the go/packages load alone, the analysis
// (load, scan, analyze) and the rendering of every file, so that a slow
// generate can be traced to its part.
func phases(dir string, n int) (loadT, analyzeT, renderT time.Duration) {
	ctx := context.Background()
	var l, a, r []time.Duration
	for range n {
		start := time.Now()
		if _, _, err := load.Load(ctx, dir, "./..."); err != nil {
			log.Fatal(err)
		}
		l = append(l, time.Since(start))

		start = time.Now()
		b, err := gen.Analyze(ctx, gen.Options{Dir: dir, NoBuiltins: true}) // the load above has no built-ins either
		if err != nil {
			log.Fatal(err)
		}
		a = append(a, time.Since(start))

		start = time.Now()
		if _, err := gen.Render(b, filepath.Join(dir, "robusta")); err != nil {
			log.Fatal(err)
		}
		r = append(r, time.Since(start))
	}
	return median(l), median(a), median(r)
}

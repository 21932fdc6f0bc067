package build

import (
	"fmt"
	"io"
	"time"
)

// progress writes one line per step, "build: <step> ... 1.23s", the name
// before the step runs and the time when it ends, so that a terminal shows
// what a cold build (minutes, mostly compiling) is busy with.
type progress struct {
	w io.Writer
}

// step runs fn as the step called name. fn may return a note that follows
// the time, such as "(cached)".
func (p progress) step(name string, fn func() (string, error)) error {
	fmt.Fprintf(p.w, "build: %s ... ", name)
	start := time.Now()
	note, err := fn()
	d := time.Since(start).Seconds()
	if err != nil {
		fmt.Fprintf(p.w, "failed after %.2fs\n", d)
		return err
	}
	if note != "" {
		note = " " + note
	}
	fmt.Fprintf(p.w, "%.2fs%s\n", d, note)
	return nil
}

// note writes a line that is no step.
func (p progress) note(format string, args ...any) {
	fmt.Fprintf(p.w, "build: "+format+"\n", args...)
}

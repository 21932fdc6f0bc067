// Command sinksdoc writes docs/sinks.md, the reference of every sink type
// robusta-go ships (runtime/sinks.Types()), from their params schemas. It
// runs from the go:generate line in runtime/sinks, so a sink added there
// is documented by the next go generate, with no edit here.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/robusta-go/robusta/gen/docs"
	"github.com/robusta-go/robusta/runtime/sinks"
)

func main() {
	out := flag.String("out", "", "the file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "sinksdoc:", err)
		os.Exit(1)
	}
}

// run writes the page to out, leaving the file untouched when it already
// holds it (its modification time then says nothing changed).
func run(out string) error {
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	page := docs.Sinks(sinks.Types())
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, page) {
		return nil
	}
	if err := os.WriteFile(out, page, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	return nil
}

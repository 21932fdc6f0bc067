// Command robusta-gen is robusta-go's toolchain: it generates a playbook
// repo's registry, schemas and docs, and validates values files against
// them. The work is done by package gen; this is its command line.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/diag"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := &cobra.Command{
		Use:           "robusta-gen",
		Short:         "Generate and check robusta-go playbook bundles",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(initCmd(), generateCmd(), validateCmd(), buildCmd(), chartCmd(), replayCmd())
	if err := root.ExecuteContext(ctx); err != nil {
		report(err)
		os.Exit(1)
	}
}

// noBuiltinsUsage is the --no-builtins flag of every command: they all
// describe the same bundle, so the flag means the same everywhere.
const noBuiltinsUsage = "leave out the built-in actions (give the same choice to generate, validate, build and chart)"

// printNotes prints the bundle's notes (built-in actions replaced) to
// standard error, before any error, once per command.
func printNotes(b *model.Bundle) {
	for _, n := range gen.Notes(b) {
		fmt.Fprintln(os.Stderr, n)
	}
}

// report prints err: diagnostics one per line, relative to the current
// directory, anything else prefixed with the command's name.
func report(err error) {
	var l diag.List
	if errors.As(err, &l) {
		wd, _ := os.Getwd()
		l.Print(os.Stderr, wd)
		return
	}
	fmt.Fprintf(os.Stderr, "robusta-gen: %v\n", err)
}

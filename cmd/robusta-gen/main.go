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

	"github.com/robusta-go/robusta/gen/diag"
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
	root.AddCommand(generateCmd(), validateCmd(), buildCmd(), chartCmd())
	if err := root.ExecuteContext(ctx); err != nil {
		report(err)
		os.Exit(1)
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

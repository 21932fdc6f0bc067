package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/gen/cache"
)

func generateCmd() *cobra.Command {
	var opts gen.Options
	var verbose, noCache bool
	cmd := &cobra.Command{
		Use:   "generate [--out DIR] [patterns...]",
		Short: "Write each package's zz_generated.robusta.go and DIR's schemas and docs",
		Long: `generate loads the packages (default ./...), checks every //robusta:action
function, and writes zz_generated.robusta.go into each package with actions,
and DIR/actions/<name>.schema.json, DIR/values.schema.json and DIR/ACTIONS.md.
DIR describes the bundle a runner built from the same packages holds: their
actions and the built-in ones (unless --no-builtins); an action of the
packages named like a built-in one replaces it, with a note. Files whose content is
unchanged are not rewritten; registries and schemas of actions that are gone
are removed. Every mistake is printed as file:line:col: message, and nothing
is written when there is one. A run whose inputs (the packages' and their
dependencies' sources, go.mod and go.sum, the generator, the Go environment)
and outputs are all as the last run left them does nothing (--no-cache
runs anyway).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Patterns = args
			if !noCache {
				opts.CacheDir = cache.Dir()
			}
			res, err := gen.Generate(cmd.Context(), opts)
			if res != nil {
				for _, n := range res.Notes {
					fmt.Fprintln(os.Stderr, n)
				}
			}
			if verbose && res != nil {
				if res.Cached {
					fmt.Fprintln(os.Stderr, "cache: hit: nothing changed")
				} else if res.CacheInfo != "" {
					fmt.Fprintln(os.Stderr, res.CacheInfo)
				}
				for _, f := range res.Written {
					fmt.Fprintln(os.Stderr, "wrote", f)
				}
				for _, f := range res.Removed {
					fmt.Fprintln(os.Stderr, "removed", f)
				}
			}
			return err
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "robusta", "directory of the schemas and docs")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list the files written and removed")
	cmd.Flags().BoolVar(&opts.NoBuiltins, "no-builtins", false, noBuiltinsUsage)
	cmd.Flags().BoolVar(&noCache, "no-cache", false, "run in full even when nothing changed since the last run (the cache is in $"+cache.EnvVar+", else the user cache directory; \"off\" disables it)")
	return cmd
}

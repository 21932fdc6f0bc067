package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/gen/chart"
)

func chartCmd() *cobra.Command {
	var out, name, version, image string
	var verbose, noBuiltins bool
	cmd := &cobra.Command{
		Use:   "chart --out DIR [--name NAME] [--chart-version VERSION] [--image REPO[:TAG]] [--no-builtins] [patterns...]",
		Short: "Write the Helm chart of the bundle the packages make up",
		Long: `chart loads the packages (default ./...) and writes into DIR the runner's
Helm chart for their actions: the stock chart with this bundle's
values.schema.json (so helm install rejects an unknown action, a bad param or
an action under a trigger it cannot take), README.md, ACTIONS.md, the RBAC
its triggers and //robusta:rbac directives need, and its image.

--image names the runner image, built from the same packages with
robusta-gen build; its tag becomes the chart's appVersion (default: the
chart version). The built-in actions are in the chart too, as they are in
the runner robusta-gen build makes, unless --no-builtins (pass the same
choice to both).

Unchanged files are not rewritten; files of DIR the chart no longer has are
removed. A DIR with files but no Chart.yaml written by this command is
refused.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := gen.Analyze(cmd.Context(), gen.Options{Patterns: args, NoBuiltins: noBuiltins})
			printNotes(b)
			if err != nil {
				return err
			}
			opts := []chart.Option{chart.WithName(name), chart.WithVersion(version)}
			if image != "" {
				opts = append(opts, chart.WithImage(image))
			}
			files, err := chart.Files(b, out, opts...)
			if err != nil {
				return err
			}
			written, removed, err := chart.Write(out, files)
			if verbose {
				for _, f := range written {
					fmt.Fprintln(os.Stderr, "wrote", f)
				}
				for _, f := range removed {
					fmt.Fprintln(os.Stderr, "removed", f)
				}
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "the chart's directory (required)")
	f.StringVar(&name, "name", chart.DefaultName, "the chart's name")
	f.StringVar(&version, "chart-version", chart.DefaultVersion, "the chart's version (SemVer 2)")
	f.StringVar(&image, "image", "", "the runner image, REPO[:TAG][@DIGEST] (default "+chart.DefaultRepository+":<appVersion>)")
	f.BoolVarP(&verbose, "verbose", "v", false, "list the files written and removed")
	f.BoolVar(&noBuiltins, "no-builtins", false, noBuiltinsUsage)
	cmd.MarkFlagRequired("out")
	return cmd
}

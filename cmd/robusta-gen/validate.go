package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen"
)

func validateCmd() *cobra.Command {
	var values string
	var opts gen.Options
	cmd := &cobra.Command{
		Use:   "validate --values FILE [patterns...]",
		Short: "Check a values file against the bundle's actions, as the runner will",
		Long: `validate loads the packages (default ./...) and checks the values file
exactly as the runner does at start, without compiling the playbooks: every
unknown trigger, action or sink, every params problem and every action that
cannot take its trigger's event is printed as FILE:line:col: message. The
actions are the packages' and the built-in ones (unless --no-builtins), as in
a runner robusta-gen build makes from them.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(values)
			if err != nil {
				return fmt.Errorf("reading values: %w", err)
			}
			opts.Patterns = args
			b, err := gen.Validate(cmd.Context(), opts, values, data)
			printNotes(b)
			return err
		},
	}
	cmd.Flags().StringVar(&values, "values", "", "the values file to check (required)")
	cmd.Flags().BoolVar(&opts.NoBuiltins, "no-builtins", false, noBuiltinsUsage)
	cmd.MarkFlagRequired("values")
	return cmd
}

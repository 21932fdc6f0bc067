package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen"
)

func validateCmd() *cobra.Command {
	var values string
	cmd := &cobra.Command{
		Use:   "validate --values FILE [patterns...]",
		Short: "Check a values file against the bundle's actions, as the runner will",
		Long: `validate loads the packages (default ./...) and checks the values file
exactly as the runner does at start, without compiling the playbooks: every
unknown trigger, action or sink, every params problem and every action that
cannot take its trigger's event is printed as FILE:line:col: message.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(values)
			if err != nil {
				return fmt.Errorf("reading values: %w", err)
			}
			return gen.Validate(cmd.Context(), gen.Options{Patterns: args}, values, data)
		},
	}
	cmd.Flags().StringVar(&values, "values", "", "the values file to check (required)")
	cmd.MarkFlagRequired("values")
	return cmd
}

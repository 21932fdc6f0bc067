package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// chartCmd is a placeholder replaced by the chart command.
func chartCmd() *cobra.Command {
	return &cobra.Command{Use: "chart", RunE: func(*cobra.Command, []string) error { return errors.New("not built yet") }}
}

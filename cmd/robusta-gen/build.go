package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// buildCmd is a placeholder replaced by the build command.
func buildCmd() *cobra.Command {
	return &cobra.Command{Use: "build", RunE: func(*cobra.Command, []string) error { return errors.New("not built yet") }}
}

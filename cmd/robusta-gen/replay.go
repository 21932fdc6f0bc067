package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen/build"
)

func replayCmd() *cobra.Command {
	var opts build.Options
	var events, values, sink string
	var asJSON, verbose bool
	cmd := &cobra.Command{
		Use:   "replay --events FILE --values VALUES [--json] [--sink NAME] [--no-builtins] [-C DIR] [patterns...]",
		Short: "Run a recording (robusta-runner --record) through the bundle's playbooks, offline",
		Long: `replay builds the runner exactly as build --binary does (the packages the
patterns match, default ./..., and the built-ins unless --no-builtins; the
Go build cache makes a repeat fast) and runs its replay mode: every input
of the recording goes through the same engine, in order, each at its
recorded time, on a cluster made of the recording (reads answered as they
were, writes refused and listed), and the findings each sink would have
received are printed instead of sent: readable, or with --json one JSON
object per line, file_sink's format.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if events == "" || values == "" {
				return fmt.Errorf("--events and --values are required")
			}
			dir, err := os.MkdirTemp("", "robusta-replay-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			opts.Patterns = args
			opts.Binary = filepath.Join(dir, "robusta-runner")
			// The host's platform: the binary runs here, not in an image.
			opts.Platforms = []string{runtime.GOOS + "/" + runtime.GOARCH}
			if verbose {
				opts.Progress = cmd.ErrOrStderr()
			}
			if _, err := build.Build(cmd.Context(), opts); err != nil {
				return err
			}
			run := []string{"replay", "--events", events, "--config", values}
			if asJSON {
				run = append(run, "--json")
			}
			if sink != "" {
				run = append(run, "--sink", sink)
			}
			if verbose {
				run = append(run, "-v")
			}
			c := exec.CommandContext(cmd.Context(), opts.Binary, run...)
			c.Stdout, c.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			if err := c.Run(); err != nil {
				return fmt.Errorf("replaying: %w", err)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&events, "events", "", "the recording `FILE` (robusta-runner --record)")
	f.StringVar(&values, "values", "", "the values `FILE` whose playbooks and sinks to replay with")
	f.BoolVar(&asJSON, "json", false, "print each finding as one JSON line, as file_sink writes it")
	f.StringVar(&sink, "sink", "", "print only the findings of the sink `NAME`")
	f.BoolVarP(&verbose, "verbose", "v", false, "show the build's steps and the engine's log")
	f.BoolVar(&opts.NoBuiltins, "no-builtins", false, noBuiltinsUsage)
	f.StringVarP(&opts.Dir, "dir", "C", "", "the playbook repo `DIR` the patterns are relative to (--events and --values stay relative to the current directory)")
	return cmd
}

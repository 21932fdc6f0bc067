package runner

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/record/replay"
	"github.com/robusta-go/robusta/runtime/registry"
)

// replayCommand is the first argument that makes Run replay a recording
// instead of running: robusta-gen replay builds the bundle's runner and
// runs it so, so that the replay runs exactly the code the runner would.
const replayCommand = "replay"

// Replay runs `replay --events FILE --config VALUES [--json] [--sink NAME]`:
// the recording through the engine, offline (package record/replay),
// writing the findings to stdout, readable or (--json) one JSON object per
// line as file_sink writes them, and notes and logs to stderr.
func Replay(ctx context.Context, args []string, stdout, stderr io.Writer, pkgs ...registry.Package) error {
	fs := flag.NewFlagSet("robusta-runner replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	events := fs.String("events", "", "the recording (robusta-runner --record FILE) (required)")
	values := fs.String("config", "", "values file with customPlaybooks and sinksConfig (required); the sinks are not opened: each one's findings are printed")
	asJSON := fs.Bool("json", false, "print each finding as one JSON line, file_sink's format")
	only := fs.String("sink", "", "print only the findings of this sink")
	verbose := fs.Bool("v", false, "log the engine's messages (failed actions, ...) to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("replay: unexpected arguments: %v", fs.Args())
	case *events == "" || *values == "":
		return fmt.Errorf("replay: --events and --config are required")
	}
	actions, err := registry.NewSet(pkgs...)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(*values)
	if err != nil {
		return fmt.Errorf("reading config: %w", err)
	}
	cfg, err := config.Load(*values, data, actions)
	if err != nil {
		return err
	}
	if *only != "" && !hasSink(cfg, *only) {
		return fmt.Errorf("replay: --sink %s: the config has no such sink", *only)
	}
	recs, err := record.ReadFile(*events)
	if err != nil {
		return err
	}
	level := slog.LevelError + 1 // quiet: the action errors show in the findings' absence and in -v
	if *verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	res, err := replay.Run(ctx, cfg, actions, recs, logger)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	if err := printFindings(stdout, res, *only, *asJSON); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "replayed %d inputs: %d findings delivered\n", res.Inputs, len(res.Deliveries))
	for _, w := range res.Writes {
		fmt.Fprintf(stderr, "refused write: %s\n", w)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "note: %s\n", n)
	}
	return nil
}

func hasSink(cfg *config.Config, name string) bool {
	for _, s := range cfg.Sinks {
		if s.Common.Name == name {
			return true
		}
	}
	return false
}

// printFindings writes res's deliveries (of sink only, unless "").
func printFindings(w io.Writer, res *replay.Result, only string, asJSON bool) error {
	for _, d := range res.Deliveries {
		if only != "" && d.Sink != only {
			continue
		}
		if asJSON {
			line, err := json.Marshal(d.Finding)
			if err != nil {
				return fmt.Errorf("encoding finding: %w", err)
			}
			if _, err := fmt.Fprintf(w, "%s\n", line); err != nil {
				return err
			}
			continue
		}
		f := d.Finding
		var b strings.Builder
		fmt.Fprintf(&b, "%s [%s] %s (playbook %s", d.Sink, f.Severity, f.Title, f.Playbook)
		if len(f.Actions) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(f.Actions, ", "))
		}
		fmt.Fprintf(&b, ") %s %s/%s\n", f.Subject.Kind, f.Subject.Namespace, f.Subject.Name)
		if f.Description != "" {
			fmt.Fprintf(&b, "  %s\n", f.Description)
		}
		for _, e := range f.Enrichments {
			for _, blk := range e.Blocks {
				fmt.Fprintf(&b, "  - %s\n", blockLine(blk))
			}
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// blockLine is a block on one line: its JSON as the file sink writes it,
// cut to stay readable.
func blockLine(blk api.Block) string {
	data, err := json.Marshal(api.Enrichment{Blocks: []api.Block{blk}})
	if err != nil {
		return blk.BlockType() + ": " + err.Error()
	}
	s := string(data)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

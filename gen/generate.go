package gen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync/atomic"
	"time"

	"github.com/robusta-go/robusta/gen/analyze"
	"github.com/robusta-go/robusta/gen/load"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/scan"
	"github.com/robusta-go/robusta/internal/atomicfile"
	"github.com/robusta-go/robusta/internal/diag"
)

// Options configure a run.
type Options struct {
	// Dir is the directory the patterns are relative to; "" is the
	// current directory.
	Dir string
	// Patterns are go package patterns; none means "./...".
	Patterns []string
	// Out is the directory of the schemas and docs, relative to Dir unless
	// absolute; "" means "robusta".
	Out string
	// NoBuiltins leaves the built-in playbooks out of the bundle. By
	// default they are in it, as they are in every runner robusta-gen
	// build makes, so that the schema, the docs, validate and the chart
	// describe what the runner will accept.
	NoBuiltins bool
	// CacheDir, when set, holds the entries that let Generate skip the
	// load, the analysis and the writes when nothing they depend on
	// changed (see gen/cache); "" runs in full every time. The command
	// line passes cache.Dir().
	CacheDir string
}

// Result is what Generate did.
type Result struct {
	Bundle *model.Bundle
	// Written and Removed are the files changed on disk, in order.
	Written, Removed []string
	// Notes are what the command prints besides errors (see Notes).
	Notes []string
	// Cached says the run was skipped: every input and output was as a
	// cached run left them, which produced Notes. Bundle is then nil.
	Cached bool
	// CacheInfo says why the cache was not used or not written, for -v;
	// "" when it was or there is none.
	CacheInfo string
}

// Analyze loads the packages of opts, with the built-in playbooks unless
// opts.NoBuiltins, and analyses their actions. A repo's action named like a
// built-in one replaces it (Bundle.Overrides, see Notes). Mistakes in the
// sources are returned as a diag.List, with the bundle of what could be
// analysed.
func Analyze(ctx context.Context, opts Options) (b *model.Bundle, err error) {
	defer recoverInternal(&err)
	b, _, err = loadAndAnalyze(ctx, opts)
	return b, err
}

// analyses counts the loads, so that tests see a cache hit skip one.
var analyses atomic.Int64

// loadAndAnalyze is Analyze, with what the load read: the cache records it.
func loadAndAnalyze(ctx context.Context, opts Options) (*model.Bundle, *load.Result, error) {
	analyses.Add(1)
	patterns := opts.patterns()
	if !opts.NoBuiltins {
		// go/packages loads a package once even when two patterns match
		// it (./... inside this repository).
		patterns = append(slices.Clone(patterns), load.BuiltinPath)
	}
	res, diags, err := load.Load(ctx, opts.Dir, patterns...)
	if err != nil {
		return nil, nil, err
	}
	var scanned []analyze.Scanned
	for _, p := range res.Roots {
		found, d := scan.Files(res.Fset, p.Syntax)
		diags.Append(d)
		scanned = append(scanned, analyze.Scanned{Pkg: p, Found: found, Builtin: p.PkgPath == load.BuiltinPath})
	}
	b, d := analyze.Bundle(res.Fset, res.API, scanned)
	diags.Append(d)
	diags.Sort()
	return b, res, diags.Err()
}

// Generate analyses the packages, renders every file and writes those that
// changed. Nothing is written when the sources have mistakes. With
// opts.CacheDir, a run whose inputs and outputs are all as the last
// successful one left them does nothing (Result.Cached).
func Generate(ctx context.Context, opts Options) (r *Result, err error) {
	defer recoverInternal(&err)
	c, info := newGenCache(opts)
	if c != nil {
		if r, info = c.lookup(); r != nil {
			return r, nil
		}
	}
	start := time.Now()
	b, res, err := loadAndAnalyze(ctx, opts)
	if err != nil {
		return nil, err
	}
	out, err := Render(b, outDir(opts))
	if err != nil {
		return nil, err
	}
	withActions := map[string]bool{}
	for _, a := range b.Actions {
		withActions[pkgDir(a.Pkg)] = true
	}
	stale := staleRegistries(opts.Dir, opts.patterns(), b.Packages, withActions)
	r = &Result{Bundle: b, Notes: Notes(b), CacheInfo: info}
	if r.Written, err = atomicfile.WriteFiles(out.Files); err != nil {
		return r, err
	}
	for _, s := range stale {
		if err := os.Remove(s); err != nil {
			return r, fmt.Errorf("removing stale registry: %w", err)
		}
		r.Removed = append(r.Removed, s)
	}
	removed, err := atomicfile.Prune(filepath.Join(outDir(opts), "actions"), out.paths(), atomicfile.Glob("*.schema.json"))
	r.Removed = append(r.Removed, removed...)
	if err == nil && c != nil {
		r.CacheInfo = c.save(start, res, out, r.Notes)
	}
	return r, err
}

func (opts Options) patterns() []string {
	if len(opts.Patterns) == 0 {
		return []string{"./..."}
	}
	return opts.Patterns
}

func outDir(opts Options) string {
	out := opts.Out
	if out == "" {
		out = "robusta"
	}
	if filepath.IsAbs(out) {
		return out
	}
	return filepath.Join(opts.Dir, out)
}

// recoverInternal turns a panic into a diagnostic: a bug in the generator
// should read as one, with the stack for the report, not as a crash.
func recoverInternal(err *error) {
	if r := recover(); r != nil {
		var l diag.List
		l.Errorf(diag.Position{}, "internal error: %v (please report this with the stack below)\n%s", r, debug.Stack())
		*err = l
	}
}

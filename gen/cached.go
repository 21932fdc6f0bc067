package gen

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/cache"
	"github.com/robusta-go/robusta/gen/load"
)

// genCache is one Generate call's entry: keyed by the directory, the
// patterns, the output directory, NoBuiltins and the generator binary;
// valid for one Go environment (the params).
type genCache struct {
	dir, key, params string
	absDir, out      string
	bases            []string
	env              []string
}

// newGenCache returns the run's cache, or nil and why there is none.
func newGenCache(opts Options) (*genCache, string) {
	if opts.CacheDir == "" {
		return nil, ""
	}
	c := &genCache{dir: opts.CacheDir, env: os.Environ()}
	var ok bool
	if c.bases, ok = cache.Bases(opts.Dir, opts.patterns()); !ok {
		return nil, "cache: off for these patterns (their matches depend on the module graph)"
	}
	goenv, ok := cache.GoEnv(c.env)
	if !ok {
		return nil, "cache: off with GOPACKAGESDRIVER, or GOFLAGS naming -modfile or -overlay"
	}
	self, err := cache.Executable()
	if err != nil {
		return nil, "cache: off: " + err.Error()
	}
	if c.absDir, err = filepath.Abs(opts.Dir); err != nil {
		return nil, "cache: off: " + err.Error()
	}
	if c.out, err = filepath.Abs(outDir(opts)); err != nil {
		return nil, "cache: off: " + err.Error()
	}
	// The generator is in the key as well as in the params: two binaries
	// run on one repo (go run's and go tool's) keep an entry each instead
	// of replacing each other's.
	c.key = cache.Key("generate", self, c.absDir, c.out, strconv.FormatBool(opts.NoBuiltins), strings.Join(opts.patterns(), "\x00"))
	c.params = self + "\n" + goenv
	return c, ""
}

// lookup returns the cached run's result, or nil and why it missed.
func (c *genCache) lookup() (*Result, string) {
	notes, ok, why := cache.Lookup[[]string](c.dir, c.key, c.params)
	if !ok {
		return nil, "cache: miss: " + why
	}
	return &Result{Notes: notes, Cached: true}, ""
}

// save records what the run read and wrote, and returns what went wrong
// with it, for -v: failing to cache is never the run's failure.
func (c *genCache) save(start time.Time, res *load.Result, out *Output, notes []string) string {
	rec := cache.NewRecorder(start)
	// Outputs first: a registry is also among its package's ignored
	// files, and the recorder does not hash an output as an input.
	for _, f := range out.Files {
		path, err := filepath.Abs(f.Path)
		if err != nil {
			return "cache: not saved: " + err.Error()
		}
		rec.Output(path, f.Data)
	}
	rec.Dir(filepath.Join(c.out, "actions"), "*.schema.json")
	rec.Modules(c.absDir, c.env)
	for _, b := range c.bases {
		rec.Walk(b)
	}
	recordPackages(rec, res)
	m, err := rec.Manifest()
	if err != nil {
		return "cache: not saved: " + err.Error()
	}
	if err := cache.Save(c.dir, c.key, c.params, m, notes); err != nil {
		return "cache: not saved: " + err.Error()
	}
	return ""
}

// recordPackages records the files of every package the load read, roots
// and dependencies: a dependency's source decides its export data, hence
// the types the analysis infers. go/packages fills the dependencies'
// metadata when it walks the import graph for export data; a placeholder
// (no path) would mean it stopped doing so, and the run is then not
// cached rather than cached blind.
func recordPackages(rec *cache.Recorder, res *load.Result) {
	roots := slices.Clone(res.Roots)
	if res.API != nil {
		roots = append(roots, res.API)
	}
	released := map[string]bool{}
	packages.Visit(roots, func(p *packages.Package) bool {
		if p.PkgPath == "" {
			rec.Fail("no metadata for dependency %s", p.ID)
			return false
		}
		if p.Dir == "" && len(p.Errors) > 0 {
			// Not found (a missing go.sum entry, a module not
			// required): no file was read, and what fixes it is in
			// the module files, which are recorded.
			return true
		}
		if p.Dir == "" {
			rec.Fail("no directory for dependency %s", p.ID)
			return false
		}
		if inModuleCache(p) {
			return true // immutable; its imports may not be
		}
		if root, ok := releasedGOROOT(p, released); ok {
			rec.File(filepath.Join(root, "VERSION"))
			return true
		}
		for _, files := range [][]string{p.GoFiles, p.OtherFiles, p.IgnoredFiles} {
			for _, f := range files {
				rec.File(f)
			}
		}
		rec.Dir(p.Dir, "*.go")
		return true
	}, nil)
}

// inModuleCache says p's files are in the module cache.
func inModuleCache(p *packages.Package) bool {
	if p.Module == nil {
		return false
	}
	var replace *cache.Module
	if r := p.Module.Replace; r != nil {
		replace = &cache.Module{Version: r.Version, Dir: r.Dir}
	}
	return cache.InModuleCache(p.Dir, cache.Module{Main: p.Module.Main, Version: p.Module.Version, Dir: p.Module.Dir}, replace)
}

// releasedGOROOT returns the GOROOT of p when p is a standard package of a
// released toolchain: one with a VERSION file saying "go1...". Its
// thousands of files (with those of other platforms) are then identified
// by that file, as the go command's own module index does, instead of
// being hashed on every run; a toolchain built from source is hashed.
func releasedGOROOT(p *packages.Package, released map[string]bool) (string, bool) {
	if p.Module != nil {
		return "", false
	}
	root, ok := strings.CutSuffix(p.Dir, string(filepath.Separator)+filepath.Join("src", filepath.FromSlash(p.PkgPath)))
	if !ok {
		return "", false
	}
	is, seen := released[root]
	if !seen {
		data, err := os.ReadFile(filepath.Join(root, "VERSION"))
		is = err == nil && strings.HasPrefix(string(data), "go1")
		released[root] = is
	}
	return root, is
}

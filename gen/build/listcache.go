package build

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/robusta-go/robusta/gen/cache"
)

// listCache is the cached answer of one go list: keyed by the directory
// and the patterns, valid for one generator and one Go environment, and
// recorded against what go list -find reads. That is the module files (the
// modules and their directories), the trees "..." patterns walk, and every
// Go file in each listed package's directory: the package clause gives
// Name, the build constraints decide GoFiles. Packages in the module cache
// need no record (gen/cache says why).
type listCache struct {
	dir, key, params string
	absDir           string
	bases            []string
	env              []string
}

// newListCache returns nil when the answer cannot be cached: the cache is
// off, or the patterns or the environment make go list depend on more
// than files.
func newListCache(dir string, env, patterns []string) *listCache {
	c := &listCache{dir: cache.Dir(), env: env}
	if c.dir == "" {
		return nil
	}
	var ok bool
	if c.bases, ok = cache.Bases(dir, patterns); !ok {
		return nil
	}
	goenv, ok := cache.GoEnv(env)
	if !ok {
		return nil
	}
	self, err := cache.Executable()
	if err != nil {
		return nil
	}
	if c.absDir, err = filepath.Abs(dir); err != nil {
		return nil
	}
	// The generator in the key too: a bench or test binary building the
	// same repo as the command keeps its own entry.
	c.key = cache.Key(append([]string{"go list -find", self, c.absDir}, patterns...)...)
	c.params = self + "\n" + goenv
	return c
}

func (c *listCache) lookup() ([]*listed, bool) {
	if c == nil {
		return nil, false
	}
	pkgs, ok, _ := cache.Lookup[[]*listed](c.dir, c.key, c.params)
	return pkgs, ok
}

// save stores pkgs unless go list reported a problem: a package that
// cannot be found now may be created, and nothing recorded would say so.
func (c *listCache) save(start time.Time, pkgs []*listed) {
	if c == nil {
		return
	}
	rec := cache.NewRecorder(start)
	rec.Modules(c.absDir, c.env)
	for _, b := range c.bases {
		rec.Walk(b)
	}
	for _, p := range pkgs {
		if p.Error != nil || p.Dir == "" {
			return
		}
		if listedInModuleCache(p) {
			continue
		}
		rec.Dir(p.Dir, "*.go")
		entries, err := os.ReadDir(p.Dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
				rec.File(filepath.Join(p.Dir, n))
			}
		}
	}
	if m, err := rec.Manifest(); err == nil {
		cache.Save(c.dir, c.key, c.params, m, pkgs) // a failure to cache is no build failure
	}
}

// listedInModuleCache says p's directory is in the module cache.
func listedInModuleCache(p *listed) bool {
	if p.Module == nil {
		return false
	}
	var replace *cache.Module
	if r := p.Module.Replace; r != nil {
		replace = &cache.Module{Version: r.Version, Dir: r.Dir}
	}
	return cache.InModuleCache(p.Dir, cache.Module{Main: p.Module.Main, Version: p.Module.Version, Dir: p.Module.Dir}, replace)
}

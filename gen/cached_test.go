package gen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/gen/cache"
)

// cachedRepo is a copy of testdata/good generated for ./alerts only (so
// that common is a dependency, not a root), with a cache of its own.
type cachedRepo struct {
	t    *testing.T
	dir  string
	opts Options
}

func newCachedRepo(t *testing.T) *cachedRepo {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	r := &cachedRepo{t: t, dir: t.TempDir()}
	copyRepo(t, "testdata/good", r.dir, root)
	r.opts = Options{Dir: r.dir, Patterns: []string{"./alerts"}, NoBuiltins: true, CacheDir: t.TempDir()}
	filepath.WalkDir(r.dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r.age(path)
		}
		return nil
	})
	return r
}

// age moves path's mtime out of the recorder's racy window, as if it had
// been edited a while before the run.
func (r *cachedRepo) age(path string) {
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		r.t.Fatal(err)
	}
}

// generate runs Generate and reports whether it loaded the packages.
func (r *cachedRepo) generate() (res *Result, loaded bool) {
	r.t.Helper()
	before := analyses.Load()
	res, err := Generate(r.t.Context(), r.opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return res, analyses.Load() != before
}

// edit replaces old by new in the repo's file rel, aged.
func (r *cachedRepo) edit(rel, old, new string) {
	r.t.Helper()
	path := filepath.Join(r.dir, rel)
	data, err := os.ReadFile(path)
	if err != nil {
		r.t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		r.t.Fatalf("%s does not contain %q", rel, old)
	}
	r.write(rel, strings.Replace(string(data), old, new, 1))
}

func (r *cachedRepo) write(rel, data string) {
	r.t.Helper()
	path := filepath.Join(r.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.age(path)
}

// wantHit runs generate and fails unless it was a hit that loaded nothing.
func (r *cachedRepo) wantHit(after string) {
	r.t.Helper()
	res, loaded := r.generate()
	if loaded || !res.Cached || len(res.Written)+len(res.Removed) > 0 {
		r.t.Fatalf("after %s: loaded %v, cached %v, wrote %v, removed %v (%s); want a hit", after, loaded, res.Cached, res.Written, res.Removed, res.CacheInfo)
	}
}

// wantMiss runs generate, fails unless it loaded, and returns what it wrote
// relative to the repo.
func (r *cachedRepo) wantMiss(after string) []string {
	r.t.Helper()
	res, loaded := r.generate()
	if !loaded || res.Cached {
		r.t.Fatalf("after %s: loaded %v, cached %v; want a miss", after, loaded, res.Cached)
	}
	if res.CacheInfo != "" && !strings.HasPrefix(res.CacheInfo, "cache: miss") {
		r.t.Fatalf("after %s: %s", after, res.CacheInfo)
	}
	var rel []string
	for _, f := range res.Written {
		f, _ = filepath.Rel(r.dir, f)
		rel = append(rel, filepath.ToSlash(f))
	}
	return rel
}

// TestCacheHitSkipsTheLoad: with nothing changed, the second run loads
// nothing, writes nothing and still has the notes; --no-cache (no
// CacheDir) loads again.
func TestCacheHitSkipsTheLoad(t *testing.T) {
	r := newCachedRepo(t)
	if w := r.wantMiss("the first run"); !slices.Contains(w, "alerts/zz_generated.robusta.go") {
		t.Fatalf("the first run wrote %v", w)
	}
	r.wantHit("nothing")
	r.wantHit("a hit")
	r.opts.CacheDir = ""
	if _, loaded := r.generate(); !loaded {
		t.Error("a run without a cache did not load")
	}
}

// TestCacheMissesOnEachInput changes each kind of input and output in
// turn: each change is a miss that does the work (and writes what the
// change implies), and the run after it is a hit again.
func TestCacheMissesOnEachInput(t *testing.T) {
	r := newCachedRepo(t)
	r.wantMiss("the first run")
	r.wantHit("nothing")
	steps := []struct {
		name   string
		change func()
		wrote  string // a file the miss must rewrite; "" for none
	}{
		{"a playbook file edited", func() {
			r.edit("alerts/alerts.go", "//robusta:action\nfunc AlertNote", "//robusta:action\nfunc AlertNote2")
		}, "robusta/actions/alert_note2.schema.json"},
		{"a dependency's file edited", func() {
			// Not a root: its types come from export data, so a tag
			// (not a comment) is what reaches the schema.
			r.edit("common/common.go", `json:"url"`, `json:"address"`)
		}, "robusta/actions/alert_http_get.schema.json"},
		{"a file added to a playbook package", func() {
			r.write("alerts/more.go", "package alerts\n\n// More is new.\nconst More = 1\n")
		}, ""},
		{"go.mod edited", func() {
			data, err := os.ReadFile(filepath.Join(r.dir, "go.mod"))
			if err != nil {
				t.Fatal(err)
			}
			r.write("go.mod", string(data)+"\n// a comment\n")
		}, ""},
		{"go.sum edited", func() {
			data, err := os.ReadFile(filepath.Join(r.dir, "go.sum"))
			if err != nil {
				t.Fatal(err)
			}
			r.write("go.sum", string(data)+"example.com/unused v1.0.0/go.mod h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
		}, ""},
		{"an output deleted", func() {
			if err := os.Remove(filepath.Join(r.dir, "robusta", "ACTIONS.md")); err != nil {
				t.Fatal(err)
			}
		}, "robusta/ACTIONS.md"},
		{"an output edited by hand", func() {
			r.edit("alerts/zz_generated.robusta.go", "package alerts", "package alerts\n\n// edited")
		}, "alerts/zz_generated.robusta.go"},
		{"a stale schema dropped in", func() {
			r.write("robusta/actions/gone.schema.json", "{}")
		}, ""},
		{"a go.work in the module", func() {
			r.write("go.work", "go 1.26.8\n\nuse .\n")
		}, ""},
	}
	for _, s := range steps {
		s.change()
		w := r.wantMiss(s.name)
		if s.wrote != "" && !slices.Contains(w, s.wrote) {
			t.Errorf("after %s: wrote %v, want %s among them", s.name, w, s.wrote)
		}
		r.wantHit("the run after " + s.name)
	}
}

// TestCacheCorruptEntry: an entry that does not decode is a miss, not an
// error, and the run replaces it.
func TestCacheCorruptEntry(t *testing.T) {
	r := newCachedRepo(t)
	r.wantMiss("the first run")
	c, info := newGenCache(r.opts)
	if c == nil {
		t.Fatal(info)
	}
	entry := filepath.Join(r.opts.CacheDir, c.key+".json")
	if err := os.WriteFile(entry, []byte(`{"version": "robusta-gen cache 1", "manifest": {"files": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, _ := r.generate()
	if res.Cached || !strings.Contains(res.CacheInfo, "corrupt") && res.CacheInfo != "" {
		t.Fatalf("a corrupt entry: cached %v (%s)", res.Cached, res.CacheInfo)
	}
	r.wantHit("the run that replaced a corrupt entry")
}

// TestCacheRacyEdit: a file modified just before (or during) a run is not
// trusted: the run is not cached, and the next one does the work again.
func TestCacheRacyEdit(t *testing.T) {
	r := newCachedRepo(t)
	r.wantMiss("the first run")
	path := filepath.Join(r.dir, "common", "common.go")
	now := time.Now()
	if err := os.Chtimes(path, now, now); err != nil {
		t.Fatal(err)
	}
	r.edit("common/common.go", "URL is fetched.", "URL is fetched!")
	os.Chtimes(path, now, now) // as if edited while the run read it
	res, _ := r.generate()
	if !strings.Contains(res.CacheInfo, "changed during the run") {
		t.Fatalf("a racy edit: %q, want the run not cached", res.CacheInfo)
	}
	if res, loaded := r.generate(); !loaded || res.Cached {
		t.Fatalf("the run after a racy one: loaded %v, cached %v; want a miss", loaded, res.Cached)
	}
	r.age(path)
	r.wantMiss("the file aged")
	r.wantHit("the run after the file aged")
}

// TestCacheOff: patterns the module graph expands are never cached.
func TestCacheOff(t *testing.T) {
	for _, pats := range [][]string{{"all"}, {"example.com/goodpb/..."}} {
		if c, info := newGenCache(Options{Patterns: pats, CacheDir: t.TempDir()}); c != nil || info == "" {
			t.Errorf("%v: cache %v (%q), want none and why", pats, c, info)
		}
	}
	if _, ok := cache.Bases(".", []string{"./...", "./x", "example.com/y"}); !ok {
		t.Error("file patterns and one import path: want a cache")
	}
}

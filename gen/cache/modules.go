package cache

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// Modules records what decides the module graph seen from dir: the go.mod
// dir belongs to (and the absence of one nearer), its go.sum and vendor
// directory, the go.mod and go.sum of every directory a replace line points
// to, and the go.work the go command would use (GOWORK in env, else the
// nearest one above dir) with the modules it uses. The module cache's own
// go.mod files need no record: the versions that name them are in these.
func (r *Recorder) Modules(dir string, env []string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		r.Fail("locating %s: %v", dir, err)
		return
	}
	root := r.nearest(abs, "go.mod")
	if root == "" {
		r.Fail("%s is in no module", abs)
		return
	}
	r.module(root)
	r.File(filepath.Join(root, "vendor", "modules.txt"))
	switch work := lookup(env, "GOWORK"); work {
	case "off":
	case "":
		if d := r.nearest(abs, "go.work"); d != "" {
			r.workspace(filepath.Join(d, "go.work"))
		}
	default:
		r.workspace(work)
	}
}

// nearest records name as absent in each directory from dir up until one
// has it, and returns that directory ("" if none has it).
func (r *Recorder) nearest(dir, name string) string {
	for {
		path := filepath.Join(dir, name)
		r.File(path)
		if r.m.Files[path] != absent {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// module records root's go.mod and go.sum, and those its replace lines
// point to.
func (r *Recorder) module(root string) {
	gomod := filepath.Join(root, "go.mod")
	r.File(gomod)
	r.File(filepath.Join(root, "go.sum"))
	data, err := os.ReadFile(gomod)
	if err != nil {
		return // recorded as absent or failed above
	}
	f, err := modfile.Parse(gomod, data, nil) // ParseLax skips replace lines
	if err != nil {
		r.Fail("parsing %s: %v", gomod, err)
		return
	}
	for _, rep := range f.Replace {
		if rep.New.Version == "" {
			r.localModule(localDir(root, rep.New.Path))
		}
	}
}

// localModule records the go.mod and go.sum of a directory a replace line
// points to. Its own replace lines are not followed: Go ignores a
// dependency's.
func (r *Recorder) localModule(dir string) {
	r.File(filepath.Join(dir, "go.mod"))
	r.File(filepath.Join(dir, "go.sum"))
}

// localDir is a replace or use path, which is relative to the file's
// directory unless absolute.
func localDir(base, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(base, filepath.FromSlash(path))
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// workspace records a go.work, its go.work.sum, and the modules it uses
// and replaces.
func (r *Recorder) workspace(path string) {
	r.File(path)
	r.File(path + ".sum")
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	w, err := modfile.ParseWork(path, data, nil)
	if err != nil {
		r.Fail("parsing %s: %v", path, err)
		return
	}
	dir := filepath.Dir(path)
	for _, u := range w.Use {
		r.module(localDir(dir, u.Path))
	}
	for _, rep := range w.Replace {
		if rep.New.Version == "" {
			r.localModule(localDir(dir, rep.New.Path))
		}
	}
}

// Module is what the go command says of a package's module: go list's
// Module, and go/packages' one, have these fields.
type Module struct {
	Main         bool
	Version, Dir string
}

// InModuleCache says dir, a package of module m (replaced by replace when
// not nil), is in the module cache: a required module, not the main one,
// not replaced by a directory, not vendored. The go command keeps those
// files read-only and go.mod and go.sum fix which version they are, so
// they need no hash of their own.
func InModuleCache(dir string, m Module, replace *Module) bool {
	if m.Main {
		return false
	}
	if replace != nil {
		m = *replace
	}
	if m.Version == "" || m.Dir == "" {
		return false
	}
	return dir == m.Dir || strings.HasPrefix(dir, m.Dir+string(filepath.Separator))
}

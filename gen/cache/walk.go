package cache

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// treePatterns are what a "..." pattern's matches depend on in each
// directory: its Go files, its subdirectories, and a go.mod that makes
// it another module.
var treePatterns = []string{"*.go", "*/", "go.mod"}

// Bases returns the directories whose trees decide what patterns match,
// relative to dir: the base of each file-system pattern ending in "...".
// ok is false when the matches depend on more than files (an import path
// with "...", which the module graph expands, or the go command's meta
// patterns); such a run is not cached.
func Bases(dir string, patterns []string) (bases []string, ok bool) {
	for _, pat := range patterns {
		switch pat {
		case "all", "std", "cmd", "tool", "work":
			return nil, false
		}
		local := pat == "." || pat == ".." || strings.HasPrefix(pat, "./") || strings.HasPrefix(pat, "../") || filepath.IsAbs(pat)
		base, dots := strings.CutSuffix(pat, "...")
		if !dots {
			if strings.Contains(pat, "...") {
				return nil, false
			}
			continue // one package: the load names its files
		}
		if !local || strings.Contains(base, "...") {
			return nil, false
		}
		abs, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(base)))
		if err != nil {
			return nil, false
		}
		bases = append(bases, abs)
	}
	return bases, true
}

// Walk records base's tree as the go command's "..." sees it. Like the go
// command it skips testdata, vendor and names starting with "." or "_",
// and does not descend into another module; that module's go.mod is
// recorded, so removing it is a change.
func (r *Recorder) Walk(base string) {
	err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != base && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if path != base {
			if gomod := filepath.Join(path, "go.mod"); exists(gomod) {
				r.File(gomod)
				return filepath.SkipDir
			}
		}
		r.Dir(path, treePatterns...)
		return nil
	})
	if err != nil {
		r.Fail("walking %s: %v", base, err)
	}
}

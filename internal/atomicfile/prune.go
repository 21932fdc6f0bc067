package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Prune removes the files under dir (at any depth) that match accepts and
// keep does not list, then the directories below dir that this emptied,
// deepest first. match gets the path relative to dir, with the system's
// separators; nil matches every file. keep holds cleaned paths as the
// caller wrote them (dir joined with the relative path). It returns the
// files it removed, sorted. A missing dir is no error: nothing was
// generated there yet.
func Prune(dir string, keep []string, match func(rel string) bool) ([]string, error) {
	var files, dirs []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist) && path == dir:
			return fs.SkipAll
		case err != nil:
			return err
		case path == dir:
		case d.IsDir():
			dirs = append(dirs, path)
		default:
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			if (match == nil || match(rel)) && !slices.Contains(keep, path) {
				files = append(files, path)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	var removed []string
	emptied := map[string]bool{}
	for _, f := range files {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("removing stale %s: %w", f, err)
		}
		removed = append(removed, f)
		emptied[filepath.Dir(f)] = true
	}
	// WalkDir lists a directory before what it holds, so backwards is
	// deepest first, and a parent hears of its emptied child in time.
	for _, d := range slices.Backward(dirs) {
		if !emptied[d] {
			continue
		}
		if entries, err := os.ReadDir(d); err != nil || len(entries) > 0 {
			continue // still holds kept files
		}
		if err := os.Remove(d); err != nil {
			return removed, fmt.Errorf("removing emptied %s: %w", d, err)
		}
		emptied[filepath.Dir(d)] = true
	}
	slices.Sort(removed)
	return removed, nil
}

// Glob is a match for Prune: the relative paths that filepath.Match
// matches against pattern. As with filepath.Match, * does not cross a
// separator, so "*.schema.json" matches the files of dir itself only. A
// malformed pattern matches nothing (callers pass constants; a test of
// theirs that prunes shows it).
func Glob(pattern string) func(rel string) bool {
	return func(rel string) bool {
		ok, _ := filepath.Match(pattern, rel)
		return ok
	}
}

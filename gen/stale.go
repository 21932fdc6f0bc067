package gen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/gen/emit"
)

// staleRegistries finds registry files that no package with actions will
// rewrite: that of a loaded package without actions (the robusta_gen tag
// hides it, so it is among the ignored files), and that of a directory
// whose sources are all gone, which the go command skips without a word
// when a "/..." pattern covers it. Left in place, either would break the
// next go build. Only files that start with the generator's header are
// returned.
func staleRegistries(dir string, patterns []string, roots []*packages.Package, withActions map[string]bool) []string {
	var stale []string
	loaded := map[string]bool{}
	for _, p := range roots {
		d := pkgDir(p)
		if d == "" {
			continue
		}
		loaded[d] = true
		if !withActions[d] {
			stale = append(stale, generated(filepath.Join(d, emit.FileName))...)
		}
	}
	for _, pat := range patterns {
		base, ok := strings.CutSuffix(pat, "...")
		if !ok || !(base == "" || strings.HasPrefix(base, ".") || filepath.IsAbs(base)) {
			continue // an import path pattern: nothing to walk
		}
		base, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(base)))
		if err != nil {
			continue
		}
		filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable: the go command said so, or will
			}
			if d.IsDir() {
				name := d.Name()
				if path != base && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || isModule(path)) {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Name() == emit.FileName && !loaded[filepath.Dir(path)] {
				stale = append(stale, generated(path)...)
			}
			return nil
		})
	}
	slices.Sort(stale)
	return slices.Compact(stale)
}

func isModule(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "go.mod"))
	return err == nil
}

// generated returns path if it is a file robusta-gen wrote.
func generated(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte(emit.Header+"\n")) {
		return nil
	}
	return []string{path}
}

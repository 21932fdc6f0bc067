package build

import (
	"cmp"
	"fmt"
	"go/version"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// goVersion is this module's go directive, the least a build module asks
// for; a test keeps it equal to go.mod's.
const goVersion = "1.26.8"

// modPlan is the build module's go.mod before go mod tidy.
type modPlan struct {
	Data modData
	// LocalDirs are the directories its replace lines point to. Their
	// go.mod and go.sum decide the resolution, so they are part of the
	// build module's cache key.
	LocalDirs []string
}

// planModule writes the requirements of the build module:
//
//   - the runtime at the generator's version; for a local generator, at the
//     version the playbook repo requires, since "(devel)" means nothing to
//     the proxy;
//   - each playbook module: a main module (the repo being built) at a
//     placeholder version with a replace to its directory, any other at
//     the version the playbook repo requires;
//   - the replace lines of each main module, directory paths made
//     absolute. Go ignores a dependency's replace lines, so without them
//     a playbook repo that builds fine would not build here;
//   - a replace of the runtime to the directory the playbook repo resolves
//     it to, when that is a directory (this checkout, or the runtime
//     itself being the repo built).
func planModule(f *found, g Generator) (*modPlan, error) {
	requires := map[string]string{}
	replaces := map[string]replaceLine{} // by old path; ours win over copied ones
	goVer := goVersion

	runtimeDir := localDir(f.Runtime)
	switch {
	case g.Local && f.Runtime.Version != "":
		requires[RuntimeModule] = f.Runtime.Version
	case g.Local:
		requires[RuntimeModule] = zeroVersion(RuntimeModule)
	default:
		requires[RuntimeModule] = g.Version
	}
	if runtimeDir != "" {
		replaces[RuntimeModule] = replaceLine{Old: module.Version{Path: RuntimeModule}, New: module.Version{Path: runtimeDir}}
	}
	for _, p := range f.Playbooks {
		m := p.Module
		if m == nil {
			return nil, fmt.Errorf("package %s is in no module: build needs module mode", p.Path)
		}
		if m.GoVersion != "" && version.Compare("go"+m.GoVersion, "go"+goVer) > 0 {
			goVer = m.GoVersion
		}
		if m.Path == RuntimeModule {
			continue
		}
		if !m.Main {
			requires[m.Path] = m.Version
			continue
		}
		requires[m.Path] = zeroVersion(m.Path)
		replaces[m.Path] = replaceLine{Old: module.Version{Path: m.Path}, New: module.Version{Path: m.Dir}}
	}
	for _, m := range f.Main {
		lines, err := mainReplaces(m.GoMod)
		if err != nil {
			return nil, err
		}
		for _, r := range lines {
			if _, ours := replaces[r.Old.Path]; !ours {
				replaces[r.Old.Path+"@"+r.Old.Version] = r
			}
		}
	}

	plan := &modPlan{Data: modData{Module: buildModule, Go: goVer}}
	for _, path := range slices.Sorted(maps.Keys(requires)) {
		plan.Data.Requires = append(plan.Data.Requires, modRequire{Path: path, Version: requires[path]})
	}
	lines := slices.Collect(maps.Values(replaces))
	slices.SortFunc(lines, func(a, b replaceLine) int {
		return cmp.Or(cmp.Compare(a.Old.Path, b.Old.Path), cmp.Compare(a.Old.Version, b.Old.Version))
	})
	for _, r := range lines {
		plan.Data.Replaces = append(plan.Data.Replaces, r.String())
		if r.New.Version == "" {
			plan.LocalDirs = append(plan.LocalDirs, r.New.Path)
		}
	}
	return plan, nil
}

// replaceLine is one replace directive.
type replaceLine struct{ Old, New module.Version }

func (r replaceLine) String() string {
	s := modfile.AutoQuote(r.Old.Path)
	if r.Old.Version != "" {
		s += " " + r.Old.Version
	}
	s += " => " + modfile.AutoQuote(r.New.Path)
	if r.New.Version != "" {
		s += " " + r.New.Version
	}
	return s
}

// mainReplaces reads the replace lines of the go.mod at path, with
// directory replacements made absolute: relative to that go.mod, they
// would point nowhere from the build module.
func mainReplaces(path string) ([]replaceLine, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the playbook repo's go.mod: %w", err)
	}
	mf, err := modfile.Parse(path, data, nil)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	var out []replaceLine
	for _, r := range mf.Replace {
		line := replaceLine{Old: r.Old, New: r.New}
		if line.New.Version == "" {
			line.New.Path = absFrom(filepath.Dir(path), r.New.Path)
		}
		out = append(out, line)
	}
	return out, nil
}

// absFrom resolves a replace directory against dir; absolute ones stay.
func absFrom(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

// localDir is where a module's source is when the build uses a directory
// for it: the main module's own, or that of a directory replacement. ""
// when it comes from the module cache.
func localDir(m *goModule) string {
	switch {
	case m == nil:
		return ""
	case m.Main:
		return m.Dir
	case m.Replace != nil && m.Replace.Version == "":
		return cmp.Or(m.Replace.Dir, m.Dir)
	}
	return ""
}

// zeroVersion is the placeholder version a replaced main module is
// required at: v0.0.0, or vN.0.0 for a /vN (or gopkg.in .vN) module path,
// which the go command insists on.
func zeroVersion(path string) string {
	_, major, ok := module.SplitPathVersion(path)
	if !ok || major == "" {
		return "v0.0.0"
	}
	return module.PathMajorPrefix(major) + ".0.0"
}

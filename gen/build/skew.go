package build

import (
	"fmt"
	"slices"
	"strings"
)

// resolved is the robusta module the build module's dependency graph
// selected.
type resolved struct {
	// Version is the selected version (the replacement's, when another
	// module version replaces it).
	Version string
	// Local says a directory replaces it.
	Local bool
}

// SkewError says that the runtime the runner would be built with is not
// the one the generator was built from.
type SkewError struct {
	Generator Generator
	// Resolved is the version the build would use.
	Resolved string
	// RequiredBy are the modules (path@version) that require Resolved.
	RequiredBy []string
}

func (e *SkewError) Error() string {
	by := "the playbook repo"
	if len(e.RequiredBy) > 0 {
		by = strings.Join(e.RequiredBy, ", ")
	}
	var b strings.Builder
	if e.Generator.Local {
		fmt.Fprintf(&b, "version skew: this robusta-gen is built from a local checkout of %s, but the runner would be built with %s %s from the module cache, required by %s.\n",
			RuntimeModule, RuntimeModule, e.Resolved, by)
		fmt.Fprintf(&b, "Fix: run the generator of that version (go run %s/cmd/robusta-gen@%s build ..., or go get -tool %s/cmd/robusta-gen@%s and go tool robusta-gen build ...),\n",
			RuntimeModule, e.Resolved, RuntimeModule, e.Resolved)
		fmt.Fprintf(&b, "or build against your checkout: add `replace %s => /path/to/checkout` to the playbook repo's go.mod.", RuntimeModule)
		return b.String()
	}
	fmt.Fprintf(&b, "version skew: this robusta-gen is %s %s, but the runner would be built with %s %s, required by %s.\n",
		RuntimeModule, e.Generator.Version, RuntimeModule, e.Resolved, by)
	fmt.Fprintf(&b, "Fix: run the generator of %s (go run %s/cmd/robusta-gen@%s build ..., or go get -tool %s/cmd/robusta-gen@%s and go tool robusta-gen build ...),\n",
		e.Resolved, RuntimeModule, e.Resolved, RuntimeModule, e.Resolved)
	fmt.Fprintf(&b, "or move the playbook repo to %s: go get %s@%s there, then go generate ./...", e.Generator.Version, RuntimeModule, e.Generator.Version)
	return b.String()
}

// checkSkew decides whether a runner built by g against the selected
// runtime r mixes versions. The generated registries, the main.go template
// and the runtime change together, so the only safe runtime is the
// generator's own:
//
//   - a local generator (a checkout) needs a local runtime: a directory
//     replace, which the build module gets from the playbook repo;
//   - a released generator needs exactly its version; minimal version
//     selection only ever raises it, when the playbook repo or one of its
//     dependencies requires a newer runtime;
//   - a runtime the playbook repo replaces with a directory is accepted from
//     any generator: the author asked for that source on purpose.
//
// graph returns `go mod graph` of the build module; it is called only on a
// clash, to say which modules require the selected version.
func checkSkew(g Generator, r resolved, graph func() string) error {
	if r.Local || !g.Local && r.Version == g.Version {
		return nil
	}
	return &SkewError{Generator: g, Resolved: r.Version, RequiredBy: requirers(graph(), RuntimeModule+"@"+r.Version)}
}

// requirers lists the modules that require target in a `go mod graph`
// output, other than the generated build module itself.
func requirers(graph, target string) []string {
	var out []string
	for _, line := range strings.Split(graph, "\n") {
		from, to, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || to != target || strings.HasPrefix(from, buildModule+"@") || from == buildModule {
			continue
		}
		out = append(out, from)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

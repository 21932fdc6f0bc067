package build

import (
	"runtime/debug"

	"github.com/robusta-go/robusta/gen/load"
	"github.com/robusta-go/robusta/internal/modpath"
)

// RuntimeModule is the module of the runtime and the built-in playbooks.
const RuntimeModule = modpath.Module

// BuiltinPackage is the built-in playbook bundle, which a runner and a
// chart include unless told otherwise.
const BuiltinPackage = load.BuiltinPath

// Built-in and runtime packages the generated main imports.
const (
	builtinPkg = BuiltinPackage
	runnerPkg  = RuntimeModule + "/runtime/runner"
)

// Generator says which robusta module this generator was built from: the
// runner it builds must use the same one, since the templates, the
// registry format and the runtime evolve together.
type Generator struct {
	// Version is the module version, "(devel)" for a local build.
	Version string
	// Local says the generator runs from a local checkout (go run
	// ./cmd/robusta-gen here, or a playbook repo that replaces the module
	// with a directory and runs the generator as a tool): its version
	// means nothing to the module proxy, so the runner is built from the
	// checkout the playbook repo resolves.
	Local bool
}

// String is the version, with "local" said for a local checkout.
func (g Generator) String() string {
	if g.Local {
		return g.Version + " (local checkout)"
	}
	return g.Version
}

// generatorOf reads the robusta module out of a binary's build information.
// The generator is either the main module (go run ./cmd/robusta-gen in a
// checkout, go install ...@v1.2.3) or a dependency (go tool robusta-gen,
// go run github.com/robusta-go/robusta/cmd/robusta-gen in a playbook repo).
func generatorOf(bi *debug.BuildInfo, ok bool) Generator {
	if !ok || bi == nil {
		return Generator{Version: "(devel)", Local: true}
	}
	if bi.Main.Path == RuntimeModule {
		return Generator{Version: bi.Main.Version, Local: localVersion(bi.Main.Version)}
	}
	for _, d := range bi.Deps {
		if d.Path != RuntimeModule {
			continue
		}
		if d.Replace != nil {
			if d.Replace.Version == "" {
				return Generator{Version: d.Version, Local: true} // replaced by a directory
			}
			// Replaced by another module version (a fork): that version
			// is what the playbook repo's go.mod, copied, resolves too.
			return Generator{Version: d.Replace.Version}
		}
		return Generator{Version: d.Version, Local: localVersion(d.Version)}
	}
	return Generator{Version: "(devel)", Local: true}
}

// localVersion reports whether v names no published version: "(devel)", an
// empty version, or one the go command stamped from a modified work tree.
func localVersion(v string) bool {
	return v == "" || v == "(devel)" || len(v) > 6 && v[len(v)-6:] == "+dirty"
}

// currentGenerator is the running binary's Generator.
func currentGenerator() Generator {
	return generatorOf(debug.ReadBuildInfo())
}

// CurrentGenerator says which robusta module the running robusta-gen was
// built from (robusta-gen init requires that version).
func CurrentGenerator() Generator { return currentGenerator() }

// Package buildinfo says which build a runner is: robusta-gen build stamps
// the variables below with -ldflags -X; a runner built by plain go build
// falls back to what the Go toolchain records (module version, VCS
// revision).
package buildinfo

import "runtime/debug"

// Set by robusta-gen build with -ldflags "-X <this package>.Version=...".
// They are variables, not constants, because -X can only set variables.
var (
	// Version is the playbook bundle's version (its module version or git
	// describe output).
	Version string
	// Revision is the VCS revision the bundle was built from, with
	// "-dirty" when the work tree had changes.
	Revision string
	// Source is where the bundle's sources live: a repository URL or, for
	// a local build, the main playbook module's path.
	Source string
)

// Info is a runner's build identity.
type Info struct {
	Version   string `json:"version"`
	Revision  string `json:"revision,omitempty"`
	Source    string `json:"source,omitempty"`
	GoVersion string `json:"goVersion"`
}

// Get returns the stamped values, completed from the binary's own build
// information where a value was not stamped.
func Get() Info {
	info := Info{Version: Version, Revision: Revision, Source: Source}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.GoVersion = bi.GoVersion
	if info.Version == "" {
		info.Version = bi.Main.Version
	}
	if info.Source == "" {
		info.Source = bi.Main.Path
	}
	if info.Revision == "" {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				info.Revision = s.Value
			}
		}
	}
	return info
}

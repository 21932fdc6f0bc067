// Package cache lets robusta-gen skip work whose answer it already has: a
// generate run whose inputs are all as they were when it last ran, and the
// go list of a build whose packages, modules and environment did not move.
//
// # What an entry holds
//
// An entry is a file named by a key (a hash of what the caller is asked:
// the directory, the patterns, the flags) under Dir, which is
// $ROBUSTA_GEN_CACHE or <user cache dir>/robusta-go/gen, never inside a
// repository. It carries the caller's answer, a string of params that must
// match exactly (the generator's build ID, the go command and the Go
// environment), and a Manifest of the inputs the answer was computed from:
//
//	files    content hashes (SHA-256), or "absent" for a file that must
//	         not appear (a go.mod or go.work between the directory and
//	         its module root)
//	dirs     a hash of a directory's entries matching some patterns, so a
//	         new source file, package or nested module is a change too
//	outputs  hashes of what the run wrote, so a deleted or hand-edited
//	         output is regenerated
//
// Any difference, a params mismatch, or an unreadable or corrupt entry is a
// miss; Lookup says why.
//
// # Why a hit is safe
//
// Files are compared by content, not by modification time: a checkout or
// a copy that keeps mtimes cannot fool it. Files in the module cache are
// not recorded, since the go command keeps them immutable and their
// versions are fixed by the go.mod and go.sum files, which are. Nor are a
// released toolchain's standard packages (thousands of files, with those
// of other platforms): the caller records its GOROOT's VERSION instead, as
// the go command's module index trusts a release GOROOT. An edit
// made while the answer was being computed could be hashed after the
// fact, recording new content next to an answer made from the old: a
// Recorder therefore reads each file before it stats it, and refuses to
// produce a manifest when a file changed within RacyWindow of the start
// (git's "racily clean" problem, and ccache's "file too new" rule). Such a
// run simply is not cached; the next one is. Outputs are hashed from the
// bytes written, not read back, for the same reason.
package cache

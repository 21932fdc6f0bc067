// Package output writes the generator's files and nothing more: a file is
// written only when its bytes differ from what is on disk, and files a
// previous run wrote that this run no longer produces are removed.
//
// Skipping identical writes keeps modification times, so a rerun with no
// source change touches nothing: build tools that watch mtimes (make, IDE
// indexers, go's own cache key on file contents aside) see no change, and
// `git status` stays clean. controller-gen rewrites every file every run;
// this is the cheap half of go-generate-fast's idea without its cache.
//
// Writes go through a temporary file in the same directory renamed over
// the target, so an interrupted run leaves either the old file or the new
// one, never half of one.
package output

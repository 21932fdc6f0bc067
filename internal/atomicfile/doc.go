// Package atomicfile writes generated files so that a reader never sees
// half of one, and removes the generated files a run no longer produces.
// The generator's sources, schemas and docs, the chart, and the image
// tarball all go through it.
//
// A file is written beside its destination under a dot-prefixed temporary
// name and renamed over it, so an interrupted run (a killed go generate,
// a full disk) leaves the old file or the new one, never a truncated one
// that the next build would compile or a helm install would read. Files
// are made 0644 (os.CreateTemp makes them 0600): they are sources and
// artifacts for everyone, not secrets. WriteFiles also leaves a file whose
// content is already right untouched, so its modification time stays and
// make, editors and the generator's own cache see no change.
//
// Prune removes the files under a directory that a run did not write,
// limited to those its match accepts, and then the directories that the
// removal emptied; a directory that was empty before stays, since pruning
// did not make it so and someone may mean it.
package atomicfile

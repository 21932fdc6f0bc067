// Package image packs runner binaries into an OCI image, the last step of
// `robusta-gen build`: Build makes the image (or an index, one image per
// platform), and Push, WriteLayout and WriteTarball ship it to a registry,
// an OCI layout directory or a `docker load` tarball.
//
// # Why go-containerregistry and not Docker
//
// The image is a manifest, a JSON config and one tar layer; nothing in it
// needs a container to be run, so nothing needs a daemon. ggcr assembles it
// in process (the recipe ko has used for years), which means the build runs
// in CI jobs and on laptops without Docker, with no root and no socket, and
// the bytes are decided by this package alone rather than by a daemon's
// version and storage driver. Registries are written to with the ordinary
// keychain (Docker's config.json and credential helpers).
//
// # Why no base image by default
//
// The runner is a static Go binary (CGO off): it needs no libc, no shell,
// no package manager. An image with only the binary has nothing to patch,
// nothing for a scanner to report, and nothing to pull but the binary
// itself; its compressed size is the binary's compressed size plus about a
// kilobyte. A base (Options.Base) is still possible for teams that want a
// shell to `kubectl exec` into, or whose policy asks for a blessed base: its
// layers stay first and unchanged, its env is kept, its labels are merged
// under ours, and its entrypoint and command are replaced by the runner.
//
// # Why the CA roots are in the binary, not the image
//
// The runner calls Slack, webhooks and Alertmanager over TLS, which needs
// trusted roots, and an image without a base has no /etc/ssl. The runner
// imports golang.org/x/crypto/x509roots/fallback, which compiles Mozilla's
// root set into the binary and is used only when the system has none. So
// the empty image works, a base's own roots (a corporate CA, say) still win
// when there is a base, and the roots are versioned with go.mod, where a
// Dependabot-style update reaches them, rather than frozen in a layer.
//
// # Why fixed modes and times
//
// `robusta-gen build` promises that the same inputs give the same digest,
// so that a digest in a deployment can be rebuilt and checked, and so that
// a rebuild with no change pushes nothing. Everything that could vary from
// run to run is pinned: every tar header has owner 0:0, no user or group
// names, mode 0555 (read and execute, no write: the umask and whatever mode
// the compiler left are irrelevant, and the runner cannot rewrite itself),
// and the same ModTime; the config's created time and history carry the
// same instant. That instant is Options.Created, the Unix epoch by default
// (ko's choice; the callers pass SOURCE_DATE_EPOCH when they want a real
// date), cut to whole seconds in UTC because both tar and the config's
// RFC 3339 text would otherwise encode one instant in several ways. gzip
// output depends only on the input and the Go version. Whether the binary's
// own bytes repeat is the compiler's side (-trimpath, fixed flags and build
// paths); this package promises that the same bytes give the same image.
//
// # Why an index
//
// Clusters mix amd64 and arm64 nodes. With one binary per platform wrapped
// in an image index, a single reference works on every node: the kubelet
// pulls the image for its own platform. One binary gives a plain image (no
// index around it), which is what `docker load` and single-arch clusters
// take. With a multi-platform base, each binary goes on the base's image
// for its platform, and a platform the base lacks is an error that lists
// what the base offers, never a silent mix of architectures.
//
// # Layout
//
// image.go has the API types and Artifact's digest and size; layer.go
// writes the one layer; base.go resolves a base per platform; build.go
// assembles images and the index; write.go ships them.
package image

package image

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// EntrypointPath is where the runner binary lives in every image.
const EntrypointPath = "/usr/local/bin/robusta-runner"

// User is the non-root uid:gid the image runs as.
const User = "65532:65532"

// defaultPath is the PATH of an image without a base, and of a base that
// sets none: the runner finds nothing on it today, but `kubectl exec` users
// and future helpers expect one.
const defaultPath = "PATH=/usr/local/bin:/usr/bin:/bin"

// Binary is one platform's runner executable on disk.
type Binary struct {
	Platform v1.Platform // OS, Architecture, Variant (ggcr's v1.Platform)
	Path     string
}

// Options configure Build.
type Options struct {
	Base     string            // image reference to build on; "" = no base image (just the binary)
	Created  time.Time         // image/layer timestamps; the zero Time means the Unix epoch
	Labels   map[string]string // OCI labels in the config
	Keychain authn.Keychain    // credentials for pulling Base; nil = authn.DefaultKeychain
	Remote   []remote.Option   // extra options for pulling Base (tests pass a transport)
}

// created returns the timestamp every header and config field carries:
// whole seconds in UTC, because the config serializes it as RFC 3339 with
// the zone and the tar header keeps whole seconds only; two instants that
// print differently would otherwise give two digests for one build.
func (o Options) created() time.Time {
	if o.Created.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return o.Created.Truncate(time.Second).UTC()
}

// Artifact is what Build made: one image, or an index of one image per platform.
type Artifact struct {
	Image v1.Image      // set when one platform was built
	Index v1.ImageIndex // set when several were
}

var errEmptyArtifact = errors.New("empty artifact: neither an image nor an index")

// Digest is the digest of the image manifest or of the index.
func (a Artifact) Digest() (v1.Hash, error) {
	switch {
	case a.Index != nil:
		return a.Index.Digest()
	case a.Image != nil:
		return a.Image.Digest()
	}
	return v1.Hash{}, errEmptyArtifact
}

// Size is the number of bytes a registry stores for the artifact: every
// manifest, config and compressed layer, each distinct blob counted once
// (platforms built on one base index share nothing, but a blob pushed twice
// is stored once). It reads descriptors only, so it costs no compression.
func (a Artifact) Size() (int64, error) {
	seen := map[v1.Hash]bool{}
	switch {
	case a.Index != nil:
		raw, err := a.Index.RawManifest()
		if err != nil {
			return 0, fmt.Errorf("reading index manifest: %w", err)
		}
		total := int64(len(raw))
		imgs, err := indexImages(a.Index)
		if err != nil {
			return 0, err
		}
		for _, img := range imgs {
			n, err := imageSize(img, seen)
			if err != nil {
				return 0, err
			}
			total += n
		}
		return total, nil
	case a.Image != nil:
		return imageSize(a.Image, seen)
	}
	return 0, errEmptyArtifact
}

// imageSize adds up the image's manifest, config and layers that are not
// in seen yet, and marks them seen.
func imageSize(img v1.Image, seen map[v1.Hash]bool) (int64, error) {
	raw, err := img.RawManifest()
	if err != nil {
		return 0, fmt.Errorf("reading image manifest: %w", err)
	}
	m, err := img.Manifest()
	if err != nil {
		return 0, fmt.Errorf("parsing image manifest: %w", err)
	}
	d, err := img.Digest()
	if err != nil {
		return 0, fmt.Errorf("computing image digest: %w", err)
	}
	var total int64
	if !seen[d] {
		seen[d] = true
		total += int64(len(raw))
	}
	for _, desc := range append([]v1.Descriptor{m.Config}, m.Layers...) {
		if !seen[desc.Digest] {
			seen[desc.Digest] = true
			total += desc.Size
		}
	}
	return total, nil
}

// indexImages returns the images an index lists, in order.
func indexImages(idx v1.ImageIndex) ([]v1.Image, error) {
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("reading index manifest: %w", err)
	}
	imgs := make([]v1.Image, 0, len(im.Manifests))
	for _, desc := range im.Manifests {
		img, err := idx.Image(desc.Digest)
		if err != nil {
			return nil, fmt.Errorf("reading image %s of the index: %w", desc.Digest, err)
		}
		imgs = append(imgs, img)
	}
	return imgs, nil
}

package image

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// base is what the runner layer goes on top of: nothing (an empty OCI
// image), one remote image, or one image per platform from a remote index.
type base struct {
	ref   string
	image v1.Image      // a single-image base
	index v1.ImageIndex // a multi-platform base
}

// pullBase resolves opts.Base once for all platforms. Only the manifest is
// fetched here; ggcr reads configs and layers lazily, and a push to the same
// registry mounts the base's blobs instead of copying them.
func pullBase(ctx context.Context, opts Options) (base, error) {
	if opts.Base == "" {
		return base{}, nil
	}
	ref, err := name.ParseReference(opts.Base)
	if err != nil {
		return base{}, fmt.Errorf("parsing base image reference %q: %w", opts.Base, err)
	}
	kc := opts.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	ropts := append([]remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(kc)}, opts.Remote...)
	desc, err := remote.Get(ref, ropts...)
	if err != nil {
		return base{}, fmt.Errorf("pulling base image %s: %w", opts.Base, err)
	}
	b := base{ref: opts.Base}
	if desc.MediaType.IsIndex() {
		b.index, err = desc.ImageIndex()
	} else {
		b.image, err = desc.Image()
	}
	if err != nil {
		return base{}, fmt.Errorf("reading base image %s: %w", opts.Base, err)
	}
	return b, nil
}

// forPlatform returns the image to build platform p on.
func (b base) forPlatform(p v1.Platform) (v1.Image, error) {
	switch {
	case b.index != nil:
		return b.fromIndex(p)
	case b.image != nil:
		return b.checkImage(p)
	}
	// No base: ggcr's empty image defaults to Docker media types; the OCI
	// ones are what every current registry and runtime expects.
	return mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON), nil
}

// fromIndex picks the first image manifest whose platform satisfies p
// (a base's linux/arm64/v8 serves a binary built for linux/arm64).
func (b base) fromIndex(p v1.Platform) (v1.Image, error) {
	im, err := b.index.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("reading base index %s: %w", b.ref, err)
	}
	var offered []string
	for _, desc := range im.Manifests {
		// Attestations and nested indexes are not bases for a binary.
		if !desc.MediaType.IsImage() || desc.Platform == nil {
			continue
		}
		if desc.Platform.Satisfies(p) {
			img, err := b.index.Image(desc.Digest)
			if err != nil {
				return nil, fmt.Errorf("reading the %s image of base %s: %w", desc.Platform, b.ref, err)
			}
			return img, nil
		}
		offered = append(offered, desc.Platform.String())
	}
	return nil, fmt.Errorf("base image %s has no image for %s; it offers: %s", b.ref, p, orNone(offered))
}

// checkImage accepts a single-image base for p when its config names a
// matching platform or none at all (hand-made images often leave it out).
func (b base) checkImage(p v1.Platform) (v1.Image, error) {
	cf, err := b.image.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading config of base image %s: %w", b.ref, err)
	}
	if cf.OS == "" && cf.Architecture == "" {
		return b.image, nil
	}
	have := v1.Platform{OS: cf.OS, Architecture: cf.Architecture, Variant: cf.Variant, OSVersion: cf.OSVersion}
	if !have.Satisfies(p) {
		return nil, fmt.Errorf("base image %s is for %s, not %s; use a multi-platform base or build for %s", b.ref, have, p, have)
	}
	return b.image, nil
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "no platform-specific images"
	}
	return strings.Join(list, ", ")
}

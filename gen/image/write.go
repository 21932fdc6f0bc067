package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/match"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/robusta-go/robusta/internal/atomicfile"
)

// RefNameAnnotation is the OCI layout annotation that names an image in
// index.json.
const RefNameAnnotation = "org.opencontainers.image.ref.name"

// Push uploads the artifact to ref (a tag, or a digest that must be the
// artifact's own). Credentials come from authn.DefaultKeychain; opts come
// after it, so remote.WithAuthFromKeychain in opts replaces it. ggcr refuses
// remote.WithAuth next to a keychain, so a fixed credential must be given
// as a keychain too (one whose Resolve returns it).
func Push(ctx context.Context, a Artifact, ref string, opts ...remote.Option) error {
	r, err := name.ParseReference(ref)
	if err != nil {
		return fmt.Errorf("pushing to %q: parsing the reference: %w", ref, err)
	}
	if d, ok := r.(name.Digest); ok {
		got, err := a.Digest()
		if err != nil {
			return fmt.Errorf("pushing to %s: %w", ref, err)
		}
		if got.String() != d.DigestStr() {
			return fmt.Errorf("pushing to %s: the artifact's digest is %s", ref, got)
		}
	}
	ropts := append([]remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(authn.DefaultKeychain)}, opts...)
	switch {
	case a.Index != nil:
		err = remote.WriteIndex(r, a.Index, ropts...)
	case a.Image != nil:
		err = remote.Write(r, a.Image, ropts...)
	default:
		err = errEmptyArtifact
	}
	if err != nil {
		return fmt.Errorf("pushing to %s: %w", ref, err)
	}
	return nil
}

// WriteLayout writes the artifact into the OCI image layout at dir, making
// the layout when dir has none, and names it ref in index.json. An entry
// that already carries the same ref is replaced rather than duplicated, so
// rebuilding into one layout keeps one entry per name (blobs are kept; the
// layout is content-addressed and never rewritten in place).
func WriteLayout(dir string, a Artifact, ref string) error {
	if _, err := name.ParseReference(ref); err != nil {
		return fmt.Errorf("writing OCI layout %s: parsing the reference %q: %w", dir, ref, err)
	}
	p, err := layout.FromPath(dir)
	if errors.Is(err, fs.ErrNotExist) {
		p, err = layout.Write(dir, empty.Index)
	}
	if err != nil {
		return fmt.Errorf("opening OCI layout %s: %w", dir, err)
	}
	ann := layout.WithAnnotations(map[string]string{RefNameAnnotation: ref})
	same := match.Annotation(RefNameAnnotation, ref)
	switch {
	case a.Index != nil:
		err = p.ReplaceIndex(a.Index, same, ann)
	case a.Image != nil:
		err = p.ReplaceImage(a.Image, same, ann)
	default:
		err = errEmptyArtifact
	}
	if err != nil {
		return fmt.Errorf("writing %s to OCI layout %s: %w", ref, dir, err)
	}
	return nil
}

// WriteTarball writes a `docker load`-able tarball holding the image, tagged
// ref. The format holds one image per tag, so an index is written only when
// it has exactly one image. The file appears whole or not at all: it is
// written beside path and renamed into place.
func WriteTarball(path string, a Artifact, ref string) error {
	r, err := name.ParseReference(ref)
	if err != nil {
		return fmt.Errorf("writing tarball %s: parsing the reference %q: %w", path, ref, err)
	}
	img, err := singleImage(a)
	if err != nil {
		return fmt.Errorf("writing tarball %s: %w", path, err)
	}
	err = atomicfile.WriteFunc(path, func(w io.Writer) error { return tarball.Write(r, img, w) })
	if err != nil {
		return fmt.Errorf("writing tarball: %w", err)
	}
	return nil
}

// singleImage returns the artifact's image, or the only image of its index.
func singleImage(a Artifact) (v1.Image, error) {
	switch {
	case a.Image != nil:
		return a.Image, nil
	case a.Index == nil:
		return nil, errEmptyArtifact
	}
	im, err := a.Index.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("reading index manifest: %w", err)
	}
	if len(im.Manifests) != 1 {
		var platforms []string
		for _, d := range im.Manifests {
			if d.Platform != nil {
				platforms = append(platforms, d.Platform.String())
			}
		}
		return nil, fmt.Errorf("a tarball holds one image, but the index has %d (%s): build one platform, or use an OCI layout or a push",
			len(im.Manifests), orNone(platforms))
	}
	img, err := a.Index.Image(im.Manifests[0].Digest)
	if err != nil {
		return nil, fmt.Errorf("reading the index's image: %w", err)
	}
	return img, nil
}

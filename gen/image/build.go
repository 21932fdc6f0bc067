package image

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// history is the config's record of the layer Build adds.
func history(created time.Time) v1.History {
	return v1.History{Author: "robusta-gen", CreatedBy: "robusta-gen build", Created: v1.Time{Time: created}}
}

// Build makes one image per binary, each on opts.Base (or on nothing), and
// returns the image itself for one binary or an index of them for several.
// The same binaries and options always give the same digest.
func Build(ctx context.Context, bins []Binary, opts Options) (Artifact, error) {
	if err := checkBinaries(bins); err != nil {
		return Artifact{}, err
	}
	b, err := pullBase(ctx, opts)
	if err != nil {
		return Artifact{}, err
	}
	created := opts.created()
	adds := make([]mutate.IndexAddendum, 0, len(bins))
	for _, bin := range bins {
		if err := ctx.Err(); err != nil {
			return Artifact{}, fmt.Errorf("building image for %s: %w", bin.Platform, err)
		}
		img, err := buildOne(b, bin, created, opts.Labels)
		if err != nil {
			return Artifact{}, fmt.Errorf("building image for %s: %w", bin.Platform, err)
		}
		p := bin.Platform
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: &p}})
	}
	if len(adds) == 1 {
		return Artifact{Image: adds[0].Add.(v1.Image)}, nil
	}
	// The index follows its images' media types: OCI for ours, Docker's
	// manifest list when the base was a Docker image (mixing the two in
	// one index is legal but confuses older clients).
	mt := types.OCIImageIndex
	if m, err := adds[0].Add.MediaType(); err == nil && m == types.DockerManifestSchema2 {
		mt = types.DockerManifestList
	}
	return Artifact{Index: mutate.AppendManifests(mutate.IndexMediaType(empty.Index, mt), adds...)}, nil
}

// checkBinaries rejects what would build a broken or ambiguous artifact.
func checkBinaries(bins []Binary) error {
	if len(bins) == 0 {
		return errors.New("building image: no binaries given")
	}
	var seen []string
	for i, bin := range bins {
		if bin.Platform.OS == "" || bin.Platform.Architecture == "" {
			return fmt.Errorf("building image: binary %d (%s) has no platform OS/architecture", i, bin.Path)
		}
		if bin.Path == "" {
			return fmt.Errorf("building image for %s: no binary path", bin.Platform)
		}
		p := bin.Platform.String()
		if slices.Contains(seen, p) {
			return fmt.Errorf("building image: platform %s given twice", p)
		}
		seen = append(seen, p)
	}
	return nil
}

// buildOne appends the binary layer to the platform's base and rewrites the
// config: entrypoint, user, platform, labels, and fixed times.
func buildOne(b base, bin Binary, created time.Time, labels map[string]string) (v1.Image, error) {
	baseImg, err := b.forPlatform(bin.Platform)
	if err != nil {
		return nil, err
	}
	baseCfg, err := baseImg.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading base config: %w", err)
	}
	baseLayers, err := baseImg.Layers()
	if err != nil {
		return nil, fmt.Errorf("reading base layers: %w", err)
	}
	// A Docker v2 manifest may only list Docker layer media types.
	layerType := types.OCILayer
	if mt, err := baseImg.MediaType(); err == nil && mt == types.DockerManifestSchema2 {
		layerType = types.DockerLayer
	}
	layer, err := binaryLayer(bin.Path, created, layerType)
	if err != nil {
		return nil, err
	}
	img, err := mutate.Append(baseImg, mutate.Addendum{Layer: layer, History: history(created)})
	if err != nil {
		return nil, fmt.Errorf("appending the binary layer: %w", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading the new config: %w", err)
	}
	cf = cf.DeepCopy()
	cf.History = alignHistory(baseCfg.History, len(baseLayers), history(created))
	cf.Created = v1.Time{Time: created}
	cf.OS = bin.Platform.OS
	cf.Architecture = bin.Platform.Architecture
	cf.Variant = bin.Platform.Variant
	cf.OSVersion = bin.Platform.OSVersion
	cf.OSFeatures = bin.Platform.OSFeatures

	c := &cf.Config
	c.Entrypoint = []string{EntrypointPath}
	c.Cmd = nil // a base's Cmd would become the runner's arguments
	c.User = User
	c.WorkingDir = "/"
	if !slices.ContainsFunc(c.Env, func(e string) bool { return strings.HasPrefix(e, "PATH=") }) {
		c.Env = append(c.Env, defaultPath)
	}
	if len(labels) > 0 {
		if c.Labels == nil {
			c.Labels = make(map[string]string, len(labels))
		}
		for k, v := range labels {
			c.Labels[k] = v
		}
	}
	// mutate.ConfigFile rather than mutate.Time: Time re-tars every layer,
	// base layers included, which changes their digests (no more blob
	// mounting from the base) and drops the history's Author. Our layer
	// already carries fixed times, and the base's are the base's.
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		return nil, fmt.Errorf("writing the config: %w", err)
	}
	return img, nil
}

// alignHistory returns the base's history plus ours, padded so that the
// entries that describe a layer are exactly as many as the layers: some
// bases ship layers without history, and a runtime pairs the n-th
// non-empty entry with the n-th layer, which would credit our entry to a
// base layer.
func alignHistory(baseHist []v1.History, baseLayers int, ours v1.History) []v1.History {
	out := slices.Clone(baseHist)
	nonEmpty := 0
	for _, h := range baseHist {
		if !h.EmptyLayer {
			nonEmpty++
		}
	}
	for ; nonEmpty < baseLayers; nonEmpty++ {
		out = append(out, v1.History{Created: ours.Created, Comment: "base layer without history"})
	}
	return append(out, ours)
}

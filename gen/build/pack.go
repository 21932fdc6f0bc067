package build

import (
	"context"
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/robusta-go/robusta/gen/image"
)

// binary is one compiled platform.
type binary struct {
	platform v1.Platform
	path     string
}

// Labels of the image config.
const (
	labelSource   = "org.opencontainers.image.source"
	labelRevision = "org.opencontainers.image.revision"
	labelVersion  = "org.opencontainers.image.version"
	labelTitle    = "org.opencontainers.image.title"
	// LabelActions lists the runner's actions, sorted and comma-separated,
	// so that what an image can run is readable without running it.
	LabelActions = "dev.robusta-go.actions"
)

// labels are the OCI labels: where the playbooks came from, and what the
// runner can run.
func labels(res *Result) map[string]string {
	l := map[string]string{
		labelTitle:   "robusta-runner",
		LabelActions: strings.Join(res.Actions, ","),
	}
	for k, v := range map[string]string{labelSource: res.Stamp.Source, labelRevision: res.Stamp.Revision, labelVersion: res.Stamp.Version} {
		if v != "" {
			l[k] = v
		}
	}
	return l
}

// pack builds the image (an index for several platforms) with gen/image
// and writes it to every output asked for.
func pack(ctx context.Context, p *plan, prog progress, res *Result, bins []binary) error {
	imgBins := make([]image.Binary, len(bins))
	for i, b := range bins {
		imgBins[i] = image.Binary{Platform: b.platform, Path: b.path}
	}
	var art image.Artifact
	err := prog.step("pack", func() (string, error) {
		var err error
		art, err = image.Build(ctx, imgBins, image.Options{
			Base:    p.Base,
			Created: p.created,
			Labels:  labels(res),
			Remote:  p.Remote,
		})
		if err != nil {
			return "", fmt.Errorf("packing the image: %w", err)
		}
		d, err := art.Digest()
		if err != nil {
			return "", fmt.Errorf("packing the image: %w", err)
		}
		res.Digest = d.String()
		return res.Digest, nil
	})
	if err != nil {
		return err
	}
	if p.OCILayout != "" {
		err := prog.step("write OCI layout "+p.OCILayout, func() (string, error) {
			return "", image.WriteLayout(p.OCILayout, art, p.Image)
		})
		if err != nil {
			return err
		}
	}
	if p.Tarball != "" {
		err := prog.step("write tarball "+p.Tarball, func() (string, error) {
			return "", image.WriteTarball(p.Tarball, art, p.Image)
		})
		if err != nil {
			return err
		}
	}
	if p.Push != "" {
		return prog.step("push "+p.Push, func() (string, error) {
			return "", image.Push(ctx, art, p.Push, p.Remote...)
		})
	}
	return nil
}

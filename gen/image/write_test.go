package image_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/google/go-containerregistry/pkg/v1/validate"

	"github.com/robusta-go/robusta/gen/image"
	"github.com/robusta-go/robusta/gen/internal/tooltest"
)

// layoutEntries reads index.json back with ggcr's layout package and
// validates the whole layout.
func layoutEntries(t *testing.T, dir string) []v1.Descriptor {
	t.Helper()
	p, err := layout.FromPath(dir)
	if err != nil {
		t.Fatalf("layout.FromPath: %v", err)
	}
	idx, err := p.ImageIndex()
	if err != nil {
		t.Fatal(err)
	}
	if err := validate.Index(idx); err != nil {
		t.Fatalf("validate layout: %v", err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	return im.Manifests
}

// TestWriteLayout creates a layout, replaces an entry by name, adds a
// second name, and adds a two-platform index.
func TestWriteLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "oci")
	bin := writeFile(t, "layout runner")
	one := build(t, []image.Binary{{Platform: amd64, Path: bin}}, image.Options{})
	if err := image.WriteLayout(dir, one, "robusta-runner:dev"); err != nil {
		t.Fatalf("WriteLayout: %v", err)
	}
	got := layoutEntries(t, dir)
	if len(got) != 1 || got[0].Digest != digest(t, one) || got[0].Annotations[image.RefNameAnnotation] != "robusta-runner:dev" {
		t.Fatalf("index.json = %+v, want one entry %s named robusta-runner:dev", got, digest(t, one))
	}

	// Rebuilding under the same name replaces the entry.
	again := build(t, []image.Binary{{Platform: amd64, Path: bin}}, image.Options{Created: time.Unix(1e9, 0)})
	if err := image.WriteLayout(dir, again, "robusta-runner:dev"); err != nil {
		t.Fatal(err)
	}
	if got := layoutEntries(t, dir); len(got) != 1 || got[0].Digest != digest(t, again) {
		t.Fatalf("after a rebuild under the same name: %+v, want only %s", got, digest(t, again))
	}

	multi := build(t, []image.Binary{
		{Platform: amd64, Path: writeFile(t, "a")},
		{Platform: arm64, Path: writeFile(t, "b")},
	}, image.Options{})
	if err := image.WriteLayout(dir, multi, "robusta-runner:multi"); err != nil {
		t.Fatal(err)
	}
	got = layoutEntries(t, dir)
	var names []string
	for _, d := range got {
		names = append(names, d.Annotations[image.RefNameAnnotation])
	}
	if diff := cmp.Diff([]string{"robusta-runner:dev", "robusta-runner:multi"}, names); diff != "" {
		t.Errorf("layout names (-want +got):\n%s", diff)
	}
	if got[1].MediaType != types.OCIImageIndex || got[1].Digest != digest(t, multi) {
		t.Errorf("second entry = %+v, want the index %s", got[1], digest(t, multi))
	}

	if err := image.WriteLayout(dir, one, "Bad Ref!"); err == nil || !strings.Contains(err.Error(), `"Bad Ref!"`) {
		t.Errorf("bad ref: %v", err)
	}
}

// TestWriteTarball writes a docker-load tarball, reads it back with ggcr's
// tarball package and its manifest.json, and refuses two platforms.
func TestWriteTarball(t *testing.T) {
	dir := t.TempDir()
	one := build(t, []image.Binary{{Platform: amd64, Path: writeFile(t, "tarball runner")}}, image.Options{})
	path := filepath.Join(dir, "runner.tar")
	ref := "registry.example.com/robusta/runner:v2"
	if err := image.WriteTarball(path, one, ref); err != nil {
		t.Fatalf("WriteTarball: %v", err)
	}
	img, err := tarball.ImageFromPath(path, nil)
	if err != nil {
		t.Fatalf("tarball.ImageFromPath: %v", err)
	}
	if err := validate.Image(img); err != nil {
		t.Fatalf("validate: %v", err)
	}
	gotCfg, _ := img.ConfigName()
	wantCfg, _ := one.Image.ConfigName()
	if gotCfg != wantCfg {
		t.Errorf("tarball config %s, built %s", gotCfg, wantCfg)
	}
	var manifest tarball.Manifest
	raw := readTar(t, mustOpen(t, path))["manifest.json"].data
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if len(manifest) != 1 || !cmp.Equal(manifest[0].RepoTags, []string{ref}) {
		t.Errorf("manifest.json = %s, want one image tagged %s", raw, ref)
	}

	multi := build(t, []image.Binary{
		{Platform: amd64, Path: writeFile(t, "a")},
		{Platform: arm64, Path: writeFile(t, "b")},
	}, image.Options{})
	bad := filepath.Join(dir, "multi.tar")
	err = image.WriteTarball(bad, multi, ref)
	if err == nil || !strings.Contains(err.Error(), "linux/amd64, linux/arm64") || !strings.Contains(err.Error(), bad) {
		t.Errorf("two platforms: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a refused tarball left files behind: %v", entries)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestPushErrors: every failure names the ref it was for.
func TestPushErrors(t *testing.T) {
	host := tooltest.Registry(t)
	a := build(t, []image.Binary{{Platform: amd64, Path: writeFile(t, "push runner")}}, image.Options{})
	ctx := context.Background()
	for _, ref := range []string{"Not A Ref!", host + "/UPPER/case:tag"} {
		if err := image.Push(ctx, a, ref); err == nil || !strings.Contains(err.Error(), ref) {
			t.Errorf("Push(%q): %v, want an error naming the ref", ref, err)
		}
	}
	wrong := host + "/robusta/runner@sha256:" + strings.Repeat("0", 64)
	if err := image.Push(ctx, a, wrong); err == nil || !strings.Contains(err.Error(), digest(t, a).String()) {
		t.Errorf("push to another digest: %v, want an error naming ours", err)
	}
	right := host + "/robusta/runner@" + digest(t, a).String()
	if err := image.Push(ctx, a, right); err != nil {
		t.Errorf("push by our own digest: %v", err)
	}
	if err := image.Push(ctx, image.Artifact{}, host+"/robusta/runner:empty"); err == nil {
		t.Error("pushing the empty Artifact succeeded")
	}
}

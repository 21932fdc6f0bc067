package image_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/google/go-containerregistry/pkg/v1/validate"

	"github.com/robusta-go/robusta/gen/image"
	"github.com/robusta-go/robusta/gen/internal/tooltest"
)

// TestPushSinglePlatform packs a real executable, pushes it, and reads
// everything back with crane: digest, config, manifest and filesystem;
// then runs the binary extracted from the registry's copy.
func TestPushSinglePlatform(t *testing.T) {
	host := tooltest.Registry(t)
	bin := buildHello(t)
	want, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	host1 := v1.Platform{OS: runtime.GOOS, Architecture: runtime.GOARCH}
	a := build(t, []image.Binary{{Platform: host1, Path: bin}}, image.Options{
		Labels: map[string]string{"org.opencontainers.image.source": "https://example.com/pb"},
	})
	if a.Image == nil || a.Index != nil {
		t.Fatalf("one binary must give a plain image, got %+v", a)
	}
	if err := validate.Image(a.Image); err != nil {
		t.Fatalf("validate: %v", err)
	}
	ref := host + "/robusta/runner:v1"
	if err := image.Push(context.Background(), a, ref); err != nil {
		t.Fatalf("Push: %v", err)
	}

	if got := strings.TrimSpace(string(crane(t, "digest", ref))); got != digest(t, a).String() {
		t.Errorf("crane digest = %s, Artifact.Digest = %s", got, digest(t, a))
	}

	var cf v1.ConfigFile
	craneJSON(t, &cf, "config", ref)
	epoch := time.Unix(0, 0).UTC()
	if cf.OS != runtime.GOOS || cf.Architecture != runtime.GOARCH {
		t.Errorf("config platform = %s/%s, want %s", cf.OS, cf.Architecture, host1)
	}
	wantCfg := v1.Config{
		Entrypoint: []string{image.EntrypointPath},
		User:       "65532:65532",
		WorkingDir: "/",
		Env:        []string{"PATH=/usr/local/bin:/usr/bin:/bin"},
		Labels:     map[string]string{"org.opencontainers.image.source": "https://example.com/pb"},
	}
	if diff := cmp.Diff(wantCfg, cf.Config); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if !cf.Created.Time.Equal(epoch) {
		t.Errorf("created = %v, want the Unix epoch", cf.Created.Time)
	}
	wantHist := []v1.History{{Author: "robusta-gen", CreatedBy: "robusta-gen build", Created: v1.Time{Time: epoch}}}
	if diff := cmp.Diff(wantHist, cf.History, cmp.Comparer(func(a, b v1.Time) bool { return a.Equal(b.Time) })); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}

	var m v1.Manifest
	craneJSON(t, &m, "manifest", ref)
	if m.MediaType != types.OCIManifestSchema1 || m.Config.MediaType != types.OCIConfigJSON {
		t.Errorf("media types = %s / %s, want OCI", m.MediaType, m.Config.MediaType)
	}
	if len(m.Layers) != 1 || m.Layers[0].MediaType != types.OCILayer {
		t.Fatalf("layers = %+v, want one OCI gzip layer", m.Layers)
	}

	// crane export flattens the image and cleans names (no trailing "/").
	files := readTar(t, bytes.NewReader(crane(t, "export", ref, "-")))
	for _, name := range []string{"usr", "usr/local", "usr/local/bin", "usr/local/bin/robusta-runner"} {
		e, ok := files[name]
		if !ok {
			t.Errorf("exported filesystem has no %s; it has %v", name, keys(files))
			continue
		}
		if e.mode != 0o555 || e.uid != 0 || e.gid != 0 || e.uname != "" || !e.modTime.Equal(epoch) {
			t.Errorf("%s: mode %o uid %d gid %d uname %q mtime %v; want 0555, root, no name, the epoch",
				name, e.mode, e.uid, e.gid, e.uname, e.modTime)
		}
	}
	got := files["usr/local/bin/robusta-runner"].data
	if !bytes.Equal(got, want) {
		t.Fatalf("exported binary differs from the input (%d vs %d bytes)", len(got), len(want))
	}
	run := filepath.Join(t.TempDir(), "robusta-runner")
	if err := os.WriteFile(run, got, 0o555); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(run).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != helloMessage {
		t.Errorf("running the exported binary: %v, output %q", err, out)
	}
}

func keys(m map[string]entry) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestReproducible builds twice from scratch and compares digests, then
// shows that each input that should matter does, and that writing one
// instant differently does not.
func TestReproducible(t *testing.T) {
	bin := writeFile(t, "#!/bin/sh\necho fake runner\n")
	created := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	bins := []image.Binary{{Platform: amd64, Path: bin}}
	d1 := digest(t, build(t, bins, image.Options{Created: created}))
	d2 := digest(t, build(t, bins, image.Options{Created: created}))
	if d1 != d2 {
		t.Fatalf("two builds of the same input: %s and %s", d1, d2)
	}
	sameInstant := created.In(time.FixedZone("CET", 3600)).Add(400 * time.Millisecond)
	if d := digest(t, build(t, bins, image.Options{Created: sameInstant})); d != d1 {
		t.Errorf("the same second in another zone gave %s, want %s", d, d1)
	}
	if d := digest(t, build(t, bins, image.Options{Created: created.Add(time.Second)})); d == d1 {
		t.Errorf("a different Created kept the digest %s", d)
	}
	if d := digest(t, build(t, bins, image.Options{})); d == d1 {
		t.Errorf("the zero Created (epoch) kept the digest %s", d)
	}
	if d := digest(t, build(t, bins, image.Options{Created: created, Labels: map[string]string{"a": "b"}})); d == d1 {
		t.Errorf("a label kept the digest %s", d)
	}
	other := writeFile(t, "#!/bin/sh\necho other runner\n")
	if d := digest(t, build(t, []image.Binary{{Platform: amd64, Path: other}}, image.Options{Created: created})); d == d1 {
		t.Errorf("different binary bytes kept the digest %s", d)
	}
	// The mode on disk must not matter: the layer fixes it.
	if err := os.Chmod(bin, 0o700); err != nil {
		t.Fatal(err)
	}
	if d := digest(t, build(t, bins, image.Options{Created: created})); d != d1 {
		t.Errorf("the file's mode on disk changed the digest: %s, want %s", d, d1)
	}
}

// TestTwoPlatforms builds an index and checks with crane that it lists
// both platforms and that each one's config says its architecture.
func TestTwoPlatforms(t *testing.T) {
	host := tooltest.Registry(t)
	a := build(t, []image.Binary{
		{Platform: amd64, Path: writeFile(t, "amd64 runner")},
		{Platform: arm64, Path: writeFile(t, "arm64 runner")},
	}, image.Options{})
	if a.Index == nil || a.Image != nil {
		t.Fatalf("two binaries must give an index, got %+v", a)
	}
	if err := validate.Index(a.Index); err != nil {
		t.Fatalf("validate: %v", err)
	}
	ref := host + "/robusta/runner:multi"
	if err := image.Push(context.Background(), a, ref); err != nil {
		t.Fatalf("Push: %v", err)
	}
	var im v1.IndexManifest
	craneJSON(t, &im, "manifest", ref)
	if im.MediaType != types.OCIImageIndex {
		t.Errorf("index media type = %s", im.MediaType)
	}
	var platforms []string
	for _, d := range im.Manifests {
		if d.Platform == nil {
			t.Fatalf("manifest %s has no platform", d.Digest)
		}
		platforms = append(platforms, d.Platform.String())
	}
	if diff := cmp.Diff([]string{"linux/amd64", "linux/arm64"}, platforms); diff != "" {
		t.Errorf("index platforms (-want +got):\n%s", diff)
	}
	var cf v1.ConfigFile
	craneJSON(t, &cf, "config", "--platform", "linux/arm64", ref)
	if cf.Architecture != "arm64" || cf.OS != "linux" {
		t.Errorf("arm64 config says %s/%s", cf.OS, cf.Architecture)
	}
	if got := strings.TrimSpace(string(crane(t, "digest", ref))); got != digest(t, a).String() {
		t.Errorf("crane digest = %s, Artifact.Digest = %s", got, digest(t, a))
	}
}

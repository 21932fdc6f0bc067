package image_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/google/go-containerregistry/pkg/v1/validate"

	"github.com/robusta-go/robusta/gen/image"
	"github.com/robusta-go/robusta/gen/internal/tooltest"
)

// makeBase returns a two-layer Docker image for p with an env, labels, an
// entrypoint and a command, like a distro base.
func makeBase(t *testing.T, p v1.Platform) v1.Image {
	t.Helper()
	img, err := random.Image(256, 2)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	cf.Config.Env = []string{"PATH=/opt/base/bin:/usr/bin", "BASE_ENV=kept"}
	cf.Config.Labels = map[string]string{"base": "yes", "shared": "base"}
	cf.Config.Entrypoint = []string{"/bin/sh"}
	cf.Config.Cmd = []string{"-c", "echo base"}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func push(t *testing.T, ref string, w func(name.Reference) error) {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := w(r); err != nil {
		t.Fatalf("pushing %s: %v", ref, err)
	}
}

func layerDigests(t *testing.T, img v1.Image) []v1.Hash {
	t.Helper()
	m, err := img.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	var out []v1.Hash
	for _, l := range m.Layers {
		out = append(out, l.Digest)
	}
	return out
}

// TestBaseImage builds on a single-image base and reads the result back
// with crane: the base's layers first and unchanged, its env kept, labels
// merged, its entrypoint and command replaced.
func TestBaseImage(t *testing.T) {
	host := tooltest.Registry(t)
	baseImg := makeBase(t, amd64)
	baseRef := host + "/base/distro:1"
	push(t, baseRef, func(r name.Reference) error { return remote.Write(r, baseImg) })

	kc := &recordingKeychain{}
	rt := &countingTransport{}
	a := build(t, []image.Binary{{Platform: amd64, Path: writeFile(t, "runner on base")}}, image.Options{
		Base:     baseRef,
		Labels:   map[string]string{"shared": "ours", "ours": "1"},
		Keychain: kc,
		Remote:   []remote.Option{remote.WithTransport(rt)},
	})
	if rt.n.Load() == 0 || len(kc.asked) == 0 || kc.asked[0] != host {
		t.Errorf("base pull: %d requests through Options.Remote, keychain asked for %v; want both used", rt.n.Load(), kc.asked)
	}
	if err := validate.Image(a.Image); err != nil {
		t.Fatalf("validate: %v", err)
	}
	ref := host + "/robusta/runner:on-base"
	if err := image.Push(context.Background(), a, ref); err != nil {
		t.Fatalf("Push: %v", err)
	}

	var m v1.Manifest
	craneJSON(t, &m, "manifest", ref)
	baseLayers := layerDigests(t, baseImg)
	if len(m.Layers) != 3 {
		t.Fatalf("layers = %d, want the base's 2 and ours", len(m.Layers))
	}
	for i, d := range baseLayers {
		if m.Layers[i].Digest != d {
			t.Errorf("layer %d = %s, want the base's %s", i, m.Layers[i].Digest, d)
		}
	}
	// A Docker base keeps Docker media types throughout.
	if m.MediaType != types.DockerManifestSchema2 || m.Layers[2].MediaType != types.DockerLayer {
		t.Errorf("media types: manifest %s, our layer %s; want Docker's", m.MediaType, m.Layers[2].MediaType)
	}

	var cf v1.ConfigFile
	craneJSON(t, &cf, "config", ref)
	want := v1.Config{
		Entrypoint: []string{image.EntrypointPath},
		User:       image.User,
		WorkingDir: "/",
		Env:        []string{"PATH=/opt/base/bin:/usr/bin", "BASE_ENV=kept"},
		Labels:     map[string]string{"base": "yes", "shared": "ours", "ours": "1"},
	}
	if diff := cmp.Diff(want, cf.Config); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if len(cf.History) != 3 || cf.History[0].Author != "random.Image" || cf.History[2].Author != "robusta-gen" {
		t.Errorf("history = %+v, want the base's two entries then ours", cf.History)
	}
}

// TestBaseIndex builds two platforms on a two-platform base: each binary
// goes on the base image of its own platform. A platform the base lacks is
// an error that says what the base offers.
func TestBaseIndex(t *testing.T) {
	host := tooltest.Registry(t)
	pAMD, pARM := amd64, v1.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}
	baseAMD, baseARM := makeBase(t, pAMD), makeBase(t, pARM)
	baseIdx := mutate.AppendManifests(empty.Index,
		mutate.IndexAddendum{Add: baseAMD, Descriptor: v1.Descriptor{Platform: &pAMD}},
		mutate.IndexAddendum{Add: baseARM, Descriptor: v1.Descriptor{Platform: &pARM}},
	)
	baseRef := host + "/base/multi:1"
	push(t, baseRef, func(r name.Reference) error { return remote.WriteIndex(r, baseIdx) })

	a := build(t, []image.Binary{
		{Platform: arm64, Path: writeFile(t, "arm64 runner")},
		{Platform: amd64, Path: writeFile(t, "amd64 runner")},
	}, image.Options{Base: baseRef})
	if err := validate.Index(a.Index); err != nil {
		t.Fatalf("validate: %v", err)
	}
	im, err := a.Index.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	if im.MediaType != types.DockerManifestList {
		t.Errorf("index media type = %s, want a Docker manifest list over Docker images", im.MediaType)
	}
	for i, base := range []v1.Image{baseARM, baseAMD} {
		img, err := a.Index.Image(im.Manifests[i].Digest)
		if err != nil {
			t.Fatal(err)
		}
		got, want := layerDigests(t, img), layerDigests(t, base)
		if diff := cmp.Diff(want, got[:len(got)-1]); diff != "" {
			t.Errorf("%s: base layers (-want +got):\n%s", im.Manifests[i].Platform, diff)
		}
	}

	_, err = image.Build(context.Background(), []image.Binary{
		{Platform: v1.Platform{OS: "linux", Architecture: "s390x"}, Path: writeFile(t, "s390x runner")},
	}, image.Options{Base: baseRef})
	for _, w := range []string{baseRef, "linux/s390x", "linux/amd64, linux/arm64/v8"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v does not mention %q", err, w)
		}
	}
}

// TestBaseErrors: a single-image base of another platform, a base that is
// not there, and a base whose layers have no history.
func TestBaseErrors(t *testing.T) {
	host := tooltest.Registry(t)
	amdRef := host + "/base/amd:1"
	push(t, amdRef, func(r name.Reference) error { return remote.Write(r, makeBase(t, amd64)) })
	_, err := image.Build(context.Background(), []image.Binary{{Platform: arm64, Path: writeFile(t, "x")}},
		image.Options{Base: amdRef})
	if err == nil || !strings.Contains(err.Error(), "is for linux/amd64, not linux/arm64") {
		t.Errorf("arm64 on an amd64 base: %v", err)
	}

	missing := host + "/base/missing:1"
	_, err = image.Build(context.Background(), []image.Binary{{Platform: amd64, Path: writeFile(t, "x")}},
		image.Options{Base: missing})
	if err == nil || !strings.Contains(err.Error(), "pulling base image "+missing) {
		t.Errorf("missing base: %v", err)
	}

	// A base whose config lists no history: ours must still describe the
	// last layer, so the base's layers get placeholder entries.
	bare := makeBase(t, amd64)
	cf, _ := bare.ConfigFile()
	cf = cf.DeepCopy()
	cf.History = nil
	bare, err = mutate.ConfigFile(bare, cf)
	if err != nil {
		t.Fatal(err)
	}
	bareRef := host + "/base/bare:1"
	push(t, bareRef, func(r name.Reference) error { return remote.Write(r, bare) })
	a := build(t, []image.Binary{{Platform: amd64, Path: writeFile(t, "x")}}, image.Options{Base: bareRef})
	got, err := a.Image.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	layers, _ := a.Image.Layers()
	if len(got.History) != len(layers) || got.History[len(layers)-1].Author != "robusta-gen" {
		t.Errorf("history %+v for %d layers: want one entry per layer, ours last", got.History, len(layers))
	}
}

// recordingKeychain records which registries credentials were asked for.
type recordingKeychain struct {
	mu    sync.Mutex
	asked []string
}

func (k *recordingKeychain) Resolve(r authn.Resource) (authn.Authenticator, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.asked = append(k.asked, r.RegistryStr())
	return authn.Anonymous, nil
}

// countingTransport counts the requests that went through it.
type countingTransport struct{ n atomic.Int64 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

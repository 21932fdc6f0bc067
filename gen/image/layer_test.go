package image_test

import (
	"archive/tar"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen/image"
)

// TestLayerBytes checks the layer's raw tar: the entries in order, their
// headers, and its exact length, which proves that archive/tar wrote no
// PAX extended records (they would add blocks and vary with the input).
func TestLayerBytes(t *testing.T) {
	content := strings.Repeat("x", 1000)
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	a := build(t, []image.Binary{{Platform: amd64, Path: writeFile(t, content)}}, image.Options{Created: created})
	layers, err := a.Image.Layers()
	if err != nil || len(layers) != 1 {
		t.Fatalf("layers = %d, %v; want one", len(layers), err)
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	// 4 headers, the data rounded up to blocks, 2 zero blocks at the end.
	if want := 4*512 + 1024 + 1024; len(raw) != want {
		t.Errorf("layer tar is %d bytes, want %d", len(raw), want)
	}

	type hdr struct {
		Name       string
		Type       byte
		Mode       int64
		Uid, Gid   int
		Uname      string
		Gname      string
		ModTime    time.Time
		Size       int64
		PAXRecords map[string]string
	}
	var got []hdr
	tr := tar.NewReader(strings.NewReader(string(raw)))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, hdr{h.Name, h.Typeflag, h.Mode, h.Uid, h.Gid, h.Uname, h.Gname, h.ModTime, h.Size, h.PAXRecords})
	}
	dir := func(n string) hdr { return hdr{Name: n, Type: tar.TypeDir, Mode: 0o555, ModTime: created} }
	want := []hdr{
		dir("usr/"), dir("usr/local/"), dir("usr/local/bin/"),
		{Name: "usr/local/bin/robusta-runner", Type: tar.TypeReg, Mode: 0o555, ModTime: created, Size: 1000},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("layer headers (-want +got):\n%s", diff)
	}
}

// TestBuildRejects covers input that must fail with a clear error.
func TestBuildRejects(t *testing.T) {
	bin := writeFile(t, "runner")
	tests := []struct {
		name string
		bins []image.Binary
		opts image.Options
		want []string
	}{
		{"no binaries", nil, image.Options{}, []string{"no binaries"}},
		{"no platform", []image.Binary{{Path: bin}}, image.Options{}, []string{"no platform", bin}},
		{"no path", []image.Binary{{Platform: amd64}}, image.Options{}, []string{"linux/amd64", "no binary path"}},
		{"same platform twice", []image.Binary{{Platform: amd64, Path: bin}, {Platform: amd64, Path: bin}}, image.Options{},
			[]string{"linux/amd64 given twice"}},
		{"missing file", []image.Binary{{Platform: arm64, Path: filepath.Join(t.TempDir(), "nope")}}, image.Options{},
			[]string{"linux/arm64", "nope", "no such file"}},
		{"directory", []image.Binary{{Platform: amd64, Path: t.TempDir()}}, image.Options{},
			[]string{"linux/amd64", "not a regular file"}},
		{"bad base", []image.Binary{{Platform: amd64, Path: bin}}, image.Options{Base: "Not A Ref!"},
			[]string{`"Not A Ref!"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := image.Build(context.Background(), tt.bins, tt.opts)
			if err == nil {
				t.Fatalf("Build succeeded: %+v", a)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// TestBuildCanceled: a canceled context stops Build before any work.
func TestBuildCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := image.Build(ctx, []image.Binary{{Platform: amd64, Path: writeFile(t, "x")}}, image.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestSize checks Artifact.Size against the blobs an OCI layout stores:
// every manifest, config and layer, once each.
func TestSize(t *testing.T) {
	for _, tt := range []struct {
		name string
		bins []image.Binary
	}{
		{"image", []image.Binary{{Platform: amd64, Path: writeFile(t, strings.Repeat("a", 5000))}}},
		{"index", []image.Binary{
			{Platform: amd64, Path: writeFile(t, strings.Repeat("a", 5000))},
			{Platform: arm64, Path: writeFile(t, strings.Repeat("b", 7000))},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := build(t, tt.bins, image.Options{})
			size, err := a.Size()
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := image.WriteLayout(dir, a, "runner:size"); err != nil {
				t.Fatal(err)
			}
			var blobs int64
			err = filepath.Walk(filepath.Join(dir, "blobs"), func(_ string, fi os.FileInfo, err error) error {
				if err == nil && fi.Mode().IsRegular() {
					blobs += fi.Size()
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if size != blobs {
				t.Errorf("Size = %d, the layout's blobs hold %d bytes", size, blobs)
			}
		})
	}
	if _, err := (image.Artifact{}).Size(); err == nil {
		t.Error("the empty Artifact has a size")
	}
	if _, err := (image.Artifact{}).Digest(); err == nil {
		t.Error("the empty Artifact has a digest")
	}
}

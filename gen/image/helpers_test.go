package image_test

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/robusta-go/robusta/gen/image"
	"github.com/robusta-go/robusta/gen/internal/tooltest"
)

var (
	amd64 = v1.Platform{OS: "linux", Architecture: "amd64"}
	arm64 = v1.Platform{OS: "linux", Architecture: "arm64"}
)

// crane runs the real crane binary, the independent client that reads back
// what the package pushed.
func crane(t *testing.T, args ...string) []byte {
	t.Helper()
	return tooltest.Run(t, tooltest.Path(t, "crane"), args...)
}

func craneJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	if err := json.Unmarshal(crane(t, args...), v); err != nil {
		t.Fatalf("crane %v: decoding JSON: %v", args, err)
	}
}

// writeFile writes a fake binary: for tests that never run it.
func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "runner")
	if err := os.WriteFile(p, []byte(content), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// helloMessage is what the test program prints when the image's binary runs.
const helloMessage = "robusta-go image test: running"

// buildHello compiles a tiny static Go program for the host, a real
// executable to pack, extract and run.
func buildHello(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(" + `"` + helloMessage + `"` + ") }\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the test binary: %v", err)
	}
	out := filepath.Join(dir, "hello")
	cmd := exec.Command(goBin, "build", "-trimpath", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return out
}

func build(t *testing.T, bins []image.Binary, opts image.Options) image.Artifact {
	t.Helper()
	a, err := image.Build(context.Background(), bins, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return a
}

func digest(t *testing.T, a image.Artifact) v1.Hash {
	t.Helper()
	d, err := a.Digest()
	if err != nil {
		t.Fatalf("Digest: %v", err)
	}
	return d
}

// entry is one file of an exported filesystem.
type entry struct {
	typ     byte
	mode    int64
	uid     int
	gid     int
	uname   string
	modTime time.Time
	data    []byte
}

// readTar lists a tar stream by name.
func readTar(t *testing.T, r io.Reader) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("reading tar: %v", err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatalf("reading %s from tar: %v", h.Name, err)
		}
		out[h.Name] = entry{h.Typeflag, h.Mode, h.Uid, h.Gid, h.Uname, h.ModTime, data}
	}
}

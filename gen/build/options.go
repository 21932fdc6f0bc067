package build

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// DefaultImage names the image in a tarball or layout when Options.Image
// is empty.
const DefaultImage = "robusta-runner:latest"

// Options say what to build and where to put it. At least one of Binary,
// OCILayout, Tarball and Push must be set; several at once are fine.
type Options struct {
	// Dir is the playbook repo the patterns are relative to; "" is the
	// current directory.
	Dir string
	// Patterns are go package patterns; none means "./...". Playbook
	// packages are those among them with a generated registry.
	Patterns []string
	// NoBuiltins leaves out the built-in playbooks, even when a pattern
	// matches them.
	NoBuiltins bool
	// Platforms are os/arch[/variant]; none means linux/<host arch>.
	Platforms []string

	// Binary is where the runner binary goes (one platform only).
	Binary string
	// OCILayout is a directory to write an OCI image layout into.
	OCILayout string
	// Tarball is a file for docker load.
	Tarball string
	// Push is the reference to push the image to.
	Push string
	// Image names the image in the tarball and the layout; "" means
	// DefaultImage.
	Image string
	// Base is the base image reference; "" means none (the binary alone).
	Base string

	// Progress receives one line per step with its duration; nil discards.
	Progress io.Writer
	// CacheDir holds the generated main modules; "" means
	// <user cache dir>/robusta-go/build.
	CacheDir string
	// Env is the environment of the go and git commands, and where
	// SOURCE_DATE_EPOCH is read; nil means the process's. The build adds
	// the variables it needs (CGO_ENABLED, GOOS, ...) after it.
	Env []string
	// Remote are options for the registry calls: pulling Base, pushing.
	// Credentials come from the Docker config keychain by default.
	Remote []remote.Option
	// Generator is the robusta module this generator was built from; nil
	// means the running binary's build information says.
	Generator *Generator
}

// Result is what a build did.
type Result struct {
	// Dir is the generated main module the runner was compiled in.
	Dir string
	// Reused says Dir was already resolved by an earlier build, so
	// go mod tidy did not run.
	Reused bool
	// Packages are the playbook packages composed, built-ins first.
	Packages []string
	// Actions are the names of every action in the runner, sorted.
	Actions []string
	// Stamp is what the runner reports as its version.
	Stamp Stamp
	// Compiles are the go build invocations, one per platform, in the
	// order of Options.Platforms.
	Compiles []Compile
	// Digest is the image's digest (an index's for several platforms);
	// "" when no image was written.
	Digest string
}

// Compile is one go build invocation: run in Dir with Env added to the
// caller's environment.
type Compile struct {
	Platform string
	Env      []string
	Args     []string
}

// plan is Options checked and completed.
type plan struct {
	Options
	platforms []v1.Platform
	created   time.Time
	env       []string
	cacheDir  string
}

func (o Options) plan() (*plan, error) {
	p := &plan{Options: o, env: o.Env}
	if p.env == nil {
		p.env = os.Environ()
	}
	if len(p.Patterns) == 0 {
		p.Patterns = []string{"./..."}
	}
	if p.Image == "" {
		p.Image = DefaultImage
	}
	if p.Binary == "" && p.OCILayout == "" && p.Tarball == "" && p.Push == "" {
		return nil, errors.New("nothing to write: give --binary, --oci-layout, --tarball or --push")
	}
	names := p.Platforms
	if len(names) == 0 {
		names = []string{"linux/" + runtime.GOARCH}
	}
	seen := map[string]bool{}
	for _, name := range names {
		pl, err := parsePlatform(name)
		if err != nil {
			return nil, err
		}
		if seen[pl.String()] {
			return nil, fmt.Errorf("platform %s is given twice", pl)
		}
		seen[pl.String()] = true
		p.platforms = append(p.platforms, pl)
	}
	if p.Binary != "" && len(p.platforms) > 1 {
		return nil, fmt.Errorf("--binary writes one file, for one platform; got %d platforms (%s)", len(p.platforms), strings.Join(names, ","))
	}
	created, err := sourceDateEpoch(p.env)
	if err != nil {
		return nil, err
	}
	p.created = created
	p.cacheDir = o.CacheDir
	if p.cacheDir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("finding the cache directory: %w", err)
		}
		p.cacheDir = filepath.Join(base, "robusta-go", "build")
	}
	return p, nil
}

// parsePlatform reads os/arch[/variant] with ggcr's parser and checks it
// names something go build can target.
func parsePlatform(s string) (v1.Platform, error) {
	pl, err := v1.ParsePlatform(s)
	if err != nil {
		return v1.Platform{}, fmt.Errorf("platform %q: %w", s, err)
	}
	if pl.OS == "" || pl.Architecture == "" || strings.Contains(s, ":") {
		return v1.Platform{}, fmt.Errorf("platform %q: want os/arch[/variant], such as linux/arm64", s)
	}
	if _, err := variantEnv(*pl); err != nil {
		return v1.Platform{}, fmt.Errorf("platform %q: %w", s, err)
	}
	return *pl, nil
}

// variantEnv is the go build environment variable a platform variant sets:
// GOARM for arm (v6, v7), GOAMD64 for amd64 (v1..v4). arm64's v8 is what
// GOARCH=arm64 means already.
func variantEnv(pl v1.Platform) ([]string, error) {
	if pl.Variant == "" {
		return nil, nil
	}
	switch {
	case pl.Architecture == "arm" && (pl.Variant == "v5" || pl.Variant == "v6" || pl.Variant == "v7"):
		return []string{"GOARM=" + pl.Variant[1:]}, nil
	case pl.Architecture == "amd64" && len(pl.Variant) == 2 && pl.Variant[0] == 'v' && '1' <= pl.Variant[1] && pl.Variant[1] <= '4':
		return []string{"GOAMD64=" + pl.Variant}, nil
	case pl.Architecture == "arm64" && pl.Variant == "v8":
		return nil, nil
	}
	return nil, fmt.Errorf("variant %s of %s is not one go build can target", pl.Variant, pl.Architecture)
}

// sourceDateEpoch is the image timestamp: SOURCE_DATE_EPOCH (seconds) when
// set, else the Unix epoch, so that the same inputs give the same digest.
func sourceDateEpoch(env []string) (time.Time, error) {
	v := lookup(env, "SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Unix(0, 0).UTC(), nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a number of seconds since 1970", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// lookup finds key in env; the last one wins, as in os/exec.
func lookup(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}

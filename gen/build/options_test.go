package build

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestPlanRejects: option mistakes are caught before anything runs.
func TestPlanRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"no output", Options{}, "nothing to write"},
		{"binary with two platforms", Options{Binary: "r", Platforms: []string{"linux/amd64", "linux/arm64"}},
			"--binary writes one file, for one platform; got 2 platforms (linux/amd64,linux/arm64)"},
		{"platform without arch", Options{Push: "r", Platforms: []string{"linux"}}, `platform "linux": want os/arch`},
		{"unknown variant", Options{Push: "r", Platforms: []string{"linux/arm/v9"}}, "variant v9 of arm"},
		{"platform twice", Options{Push: "r", Platforms: []string{"linux/amd64", "linux/amd64"}}, "given twice"},
		{"bad epoch", Options{Push: "r", Env: []string{"SOURCE_DATE_EPOCH=yesterday"}}, `SOURCE_DATE_EPOCH="yesterday"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.opts.plan()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestPlanDefaults: patterns, image name, timestamps and platforms.
func TestPlanDefaults(t *testing.T) {
	p, err := Options{Tarball: "t", Platforms: []string{"linux/arm/v7", "linux/amd64/v3"}, Env: []string{"SOURCE_DATE_EPOCH=1700000000"}, CacheDir: "/c"}.plan()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"./..."}, p.Patterns); diff != "" {
		t.Errorf("patterns (-want +got):\n%s", diff)
	}
	if p.Image != DefaultImage || !p.created.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("image %q created %v", p.Image, p.created)
	}
	var envs [][]string
	for _, pl := range p.platforms {
		c, err := compileCmd(pl, "-s -w", "/out")
		if err != nil {
			t.Fatal(err)
		}
		envs = append(envs, c.Env)
	}
	want := [][]string{
		{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm", "GOARM=7"},
		{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64", "GOAMD64=v3"},
	}
	if diff := cmp.Diff(want, envs); diff != "" {
		t.Errorf("compile env (-want +got):\n%s", diff)
	}
	p, err = Options{Binary: "b", Env: []string{}}.plan()
	if err != nil {
		t.Fatal(err)
	}
	if !p.created.Equal(time.Unix(0, 0)) || len(p.platforms) != 1 || p.platforms[0].OS != "linux" {
		t.Errorf("created %v platforms %v, want the epoch and linux/<host arch>", p.created, p.platforms)
	}
}

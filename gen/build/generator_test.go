package build

import (
	"runtime/debug"
	"testing"
)

// TestGeneratorOf reads the generator's robusta version out of the build
// information of each way robusta-gen is run.
func TestGeneratorOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		want Generator
	}{
		{"go run ./cmd/robusta-gen in a checkout",
			&debug.BuildInfo{Main: debug.Module{Path: RuntimeModule, Version: "(devel)"}},
			Generator{Version: "(devel)", Local: true}},
		{"go install ...@v1.2.0",
			&debug.BuildInfo{Main: debug.Module{Path: RuntimeModule, Version: "v1.2.0"}},
			Generator{Version: "v1.2.0"}},
		{"go build in a modified checkout, VCS-stamped",
			&debug.BuildInfo{Main: debug.Module{Path: RuntimeModule, Version: "v1.2.1-0.20260101000000-abcdefabcdef+dirty"}},
			Generator{Version: "v1.2.1-0.20260101000000-abcdefabcdef+dirty", Local: true}},
		{"go tool robusta-gen, released",
			&debug.BuildInfo{Main: debug.Module{Path: "example.com/pb", Version: "(devel)"},
				Deps: []*debug.Module{{Path: RuntimeModule, Version: "v1.2.0"}}},
			Generator{Version: "v1.2.0"}},
		{"go tool robusta-gen, replaced by a directory",
			&debug.BuildInfo{Main: debug.Module{Path: "example.com/pb", Version: "(devel)"},
				Deps: []*debug.Module{{Path: RuntimeModule, Version: "v0.0.0", Replace: &debug.Module{Path: "../../.."}}}},
			Generator{Version: "v0.0.0", Local: true}},
		{"go tool robusta-gen, replaced by a fork",
			&debug.BuildInfo{Main: debug.Module{Path: "example.com/pb", Version: "(devel)"},
				Deps: []*debug.Module{{Path: RuntimeModule, Version: "v1.2.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v1.2.5"}}}},
			Generator{Version: "v1.2.5"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := generatorOf(tc.bi, true); got != tc.want {
				t.Errorf("generatorOf = %+v, want %+v", got, tc.want)
			}
		})
	}
	if got := generatorOf(nil, false); !got.Local {
		t.Errorf("no build info: %+v, want a local generator", got)
	}
}

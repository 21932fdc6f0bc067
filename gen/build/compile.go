package build

import (
	"context"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// compileCmd is the go build of one platform: a static binary
// (CGO_ENABLED=0) whose bytes depend on the sources and not on where they
// were (-trimpath, -buildvcs=false: the build module is in no repository,
// the stamp says where the playbooks came from), stripped (-s -w).
func compileCmd(pl v1.Platform, ldflags, out string) (Compile, error) {
	env := []string{"CGO_ENABLED=0", "GOOS=" + pl.OS, "GOARCH=" + pl.Architecture}
	variant, err := variantEnv(pl)
	if err != nil {
		return Compile{}, err
	}
	env = append(env, variant...)
	return Compile{
		Platform: pl.String(),
		Env:      env,
		Args:     []string{"build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", out, "."},
	}, nil
}

// run runs c in the build module dir.
func (c Compile) run(ctx context.Context, dir string, env []string) error {
	if _, err := command(ctx, dir, goEnv(env, c.Env...), "go", c.Args...); err != nil {
		return fmt.Errorf("compiling for %s: %w", c.Platform, err)
	}
	return nil
}

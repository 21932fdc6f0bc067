package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// moduleKey names a build module's directory: a hash of everything that
// decides what go mod tidy would write. The same key means the same
// go.mod, main.go and the same go.mod and go.sum in every local directory
// the replace lines point to, so a directory already there is reused
// as is and a warm build skips go mod tidy entirely.
func moduleKey(gomod, mainGo []byte, localDirs []string) (string, error) {
	h := sha256.New()
	part := func(name string, data []byte) {
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	part("go.mod", gomod)
	part("main.go", mainGo)
	for _, dir := range localDirs {
		for _, name := range []string{"go.mod", "go.sum"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("hashing the build inputs: %w", err)
			}
			part(filepath.Join(dir, name), data)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// prepareModule returns the build module's directory, creating it when
// it is not in the cache: the files are written into a temporary
// directory beside it, resolved (go mod tidy) and checked for skew there,
// and only then renamed into place. An interrupted or failed build thus
// never leaves a half-resolved module that a later build would trust.
func prepareModule(ctx context.Context, p *plan, g Generator, gomod, mainGo []byte, localDirs []string) (dir string, reused bool, err error) {
	key, err := moduleKey(gomod, mainGo, localDirs)
	if err != nil {
		return "", false, err
	}
	dir = filepath.Join(p.cacheDir, key)
	if _, err := os.Stat(filepath.Join(dir, "go.sum")); err == nil {
		return dir, true, nil
	}
	if err := os.MkdirAll(p.cacheDir, 0o755); err != nil {
		return "", false, fmt.Errorf("creating the build cache: %w", err)
	}
	tmp, err := os.MkdirTemp(p.cacheDir, ".tmp-"+key+"-")
	if err != nil {
		return "", false, fmt.Errorf("creating the build module: %w", err)
	}
	defer func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	for name, data := range map[string][]byte{"go.mod": gomod, "main.go": mainGo} {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return "", false, fmt.Errorf("writing the build module: %w", err)
		}
	}
	env := goEnv(p.env)
	if _, err := command(ctx, tmp, env, "go", "mod", "tidy"); err != nil {
		return "", false, fmt.Errorf("resolving modules: %w", err)
	}
	r, err := selectedRuntime(ctx, tmp, env)
	if err != nil {
		return "", false, err
	}
	graph := func() string {
		out, _ := command(ctx, tmp, env, "go", "mod", "graph")
		return string(out)
	}
	if err := checkSkew(g, r, graph); err != nil {
		return "", false, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, "go.sum")); statErr == nil {
			return dir, true, nil // a concurrent build got there first
		}
		return "", false, fmt.Errorf("moving the build module into place: %w", err)
	}
	tmp = ""
	return dir, false, nil
}

// selectedRuntime asks the go command which runtime the build module
// selected.
func selectedRuntime(ctx context.Context, dir string, env []string) (resolved, error) {
	out, err := command(ctx, dir, env, "go", "list", "-m", "-json", RuntimeModule)
	if err != nil {
		return resolved{}, fmt.Errorf("resolving %s: %w", RuntimeModule, err)
	}
	var m struct {
		Version string
		Replace *struct{ Path, Version string }
	}
	if err := json.Unmarshal(out, &m); err != nil {
		return resolved{}, fmt.Errorf("reading go list -m output: %w", err)
	}
	r := resolved{Version: m.Version}
	if m.Replace != nil {
		r.Local = m.Replace.Version == ""
		if !r.Local {
			r.Version = m.Replace.Version
		}
	}
	return r, nil
}

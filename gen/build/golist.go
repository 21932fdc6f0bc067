package build

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync/atomic"
	"time"
)

// goModule is the part of go list's Module that a build reads.
type goModule struct {
	Path      string
	Version   string
	Main      bool
	Dir       string
	GoMod     string
	GoVersion string
	Replace   *goModule
}

// listed is one package as go list -find reports it.
type listed struct {
	ImportPath string
	Name       string
	Dir        string
	// GoFiles are absolute once goList returns.
	GoFiles []string
	Module  *goModule
	Error   *struct{ Pos, Err string }
}

// goList lists the packages of patterns, relative to dir: names, files,
// modules and nothing else. -find skips the import graph, which none of
// this needs; the call is one go command, where go/packages would run two
// (it asks for the release tags first). Its hundred-odd milliseconds were
// most of what a warm build added to go build, so its answer is cached
// (listcache.go) and a build with nothing moved runs no go list at all.
func goList(ctx context.Context, dir string, env []string, patterns []string) ([]*listed, error) {
	c := newListCache(dir, env, patterns)
	if pkgs, ok := c.lookup(); ok {
		return pkgs, nil
	}
	start := time.Now()
	pkgs, err := runGoList(ctx, dir, env, patterns)
	if err == nil {
		c.save(start, pkgs)
	}
	return pkgs, err
}

// goListRuns counts the go list commands run, so that tests see a cache
// hit skip one.
var goListRuns atomic.Int64

func runGoList(ctx context.Context, dir string, env []string, patterns []string) ([]*listed, error) {
	goListRuns.Add(1)
	args := append([]string{"list", "-find", "-e", "-json=ImportPath,Name,Dir,GoFiles,Error,Module", "--"}, patterns...)
	out, err := command(ctx, dir, env, "go", args...)
	if err != nil {
		return nil, fmt.Errorf("listing packages: %w", err)
	}
	var pkgs []*listed
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listed)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list output: %w", err)
		}
		for i, f := range p.GoFiles {
			p.GoFiles[i] = filepath.Join(p.Dir, f)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

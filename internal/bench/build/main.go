// Command build-bench measures what robusta-gen build costs on top of the
// compile it wraps. On a copy of gen/testdata/good (generated, with the
// built-ins and three of its packages) it builds robusta-gen, warms every
// cache with one `robusta-gen build --binary`, then times, alternately, -n
// runs of
//
//	build     robusta-gen build --binary: list the packages, check the
//	          registries, render and hash the main module, find it
//	          resolved in the cache, go build
//	go build  the same go build, same flags and environment, run by hand
//	          in the same generated module
//
// and prints the medians and the ratio build/go build. The go build
// invocation comes from build.Build run in process on the same inputs,
// which must find the module the command resolved (else the comparison
// would be with another module, and the bench says so).
//
//	go run ./internal/bench/build [-n 5] [-keep]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robusta-go/robusta/gen"
	"github.com/robusta-go/robusta/gen/build"
)

// patterns avoid the testdata's two packages whose action names clash
// with the built-ins.
var patterns = []string{"./alerts/...", "./clash/...", "./pods/..."}

func main() {
	n := flag.Int("n", 5, "timed runs of each; the median is printed")
	keep := flag.Bool("keep", false, "keep the repo copy and print its path")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("build-bench: ")

	root, err := moduleRoot()
	if err != nil {
		log.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "build-bench-")
	if err != nil {
		log.Fatal(err)
	}
	if *keep {
		log.Printf("repo in %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	repo := filepath.Join(tmp, "good")
	if err := copyRepo(filepath.Join(root, "gen", "testdata", "good"), repo, root); err != nil {
		log.Fatalf("copying the testdata: %v", err)
	}
	run(repo, nil, "go", "mod", "tidy")
	if _, err := gen.Generate(context.Background(), gen.Options{Dir: repo}); err != nil {
		log.Fatalf("generating the testdata: %v", err)
	}
	tool := filepath.Join(tmp, "bin", "robusta-gen")
	run(root, nil, "go", "build", "-o", tool, "./cmd/robusta-gen")
	out := filepath.Join(tmp, "bin", "runner")
	buildArgs := append([]string{"build", "--binary", out, "-C", repo}, patterns...)

	// Warm up: resolve the module, compile everything once.
	run(repo, nil, tool, buildArgs...)
	res, err := build.Build(context.Background(), build.Options{Dir: repo, Patterns: patterns, Binary: out, Progress: io.Discard})
	if err != nil {
		log.Fatalf("building in process: %v", err)
	}
	if !res.Reused {
		log.Fatalf("the in-process build resolved a new module %s: it would not compare like with like", res.Dir)
	}
	if !*keep {
		defer os.RemoveAll(res.Dir)
	}
	c := res.Compiles[0]
	// GOWORK=off, as build sets it: the module lives outside any workspace.
	env := append([]string{"GOWORK=off"}, c.Env...)
	run(res.Dir, env, "go", c.Args...)

	var full, plain []time.Duration
	for range *n {
		full = append(full, timed(repo, nil, tool, buildArgs...))
		plain = append(plain, timed(res.Dir, env, "go", c.Args...))
	}
	f, p := median(full), median(plain)
	fmt.Printf("bundle:    %d packages, %d actions, %s\n", len(res.Packages), len(res.Actions), c.Platform)
	fmt.Printf("module:    %s\n", res.Dir)
	fmt.Printf("go build:  %s\n", shell(append(env, append([]string{"go"}, c.Args...)...)))
	fmt.Printf("runs:      %d each, alternating\n", *n)
	fmt.Printf("robusta-gen build --binary: median %v (min %v)\n", f.Round(time.Millisecond), slices.Min(full).Round(time.Millisecond))
	fmt.Printf("plain go build:             median %v (min %v)\n", p.Round(time.Millisecond), slices.Min(plain).Round(time.Millisecond))
	fmt.Printf("ratio build/go build: %.2f\n", float64(f)/float64(p))
}

// moduleRoot is robusta-go's directory: the bench runs from its module.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", build.RuntimeModule).Output()
	if err != nil {
		return "", fmt.Errorf("finding robusta-go (run build-bench from its module): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// copyRepo copies src to dst, pointing the copy's replace of robusta-go at
// root.
func copyRepo(src, dst, root string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = []byte(strings.ReplaceAll(string(data), "=> ../../..", "=> "+root))
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}

func run(dir string, env []string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func timed(dir string, env []string, name string, args ...string) time.Duration {
	start := time.Now()
	run(dir, env, name, args...)
	return time.Since(start)
}

// shell joins args as a shell would need them.
func shell(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = a
		if strings.ContainsAny(a, " '\"") {
			q[i] = strconv.Quote(a)
		}
	}
	return strings.Join(q, " ")
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// Command gen-bench measures robusta-gen on a synthetic playbook repo: it
// writes 200 actions in 20 packages (by default) into a temporary module,
// builds robusta-gen, warms the build cache, then times, in one run,
//
//	generate   robusta-gen generate ./... with nothing generated yet
//	vet        go vet ./... on the same repo
//	rerun      robusta-gen generate ./... again, which must write nothing:
//	           a hit of the generator's cache (gen/cache), in a directory
//	           of the bench's own
//	uncached   the same rerun with --no-cache: what the cache saves
//
// and prints the median of -n runs of each and the ratio generate/vet: the
// cost of the generator in units of a tool every Go developer already runs.
// It then times the phases in process: the go/packages load, the analysis,
// and the rendering of every file.
//
//	go run ./internal/bench/gen [-actions 200] [-packages 20] [-n 3] [-keep]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/robusta-go/robusta/gen/cache"
)

func main() {
	actions := flag.Int("actions", 200, "number of actions")
	pkgs := flag.Int("packages", 20, "number of packages")
	n := flag.Int("n", 3, "timed runs of each step; the median is printed")
	keep := flag.Bool("keep", false, "keep the synthetic repo and print its path")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gen-bench: ")

	root, err := moduleRoot()
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "gen-bench-")
	if err != nil {
		log.Fatal(err)
	}
	if *keep {
		log.Printf("repo in %s", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	cacheDir, err := os.MkdirTemp("", "gen-bench-cache-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(cacheDir)
	os.Setenv(cache.EnvVar, cacheDir) // the tool's runs inherit it
	if err := writeRepo(dir, root, *pkgs, *actions); err != nil {
		log.Fatalf("writing the repo: %v", err)
	}
	tool := filepath.Join(dir, "bin", "robusta-gen")
	run(root, nil, "go", "build", "-o", tool, "./cmd/robusta-gen")
	env := []string{"GOFLAGS=-mod=mod"}
	run(dir, env, "go", "mod", "tidy")

	// Warm up: export data of every dependency, vet's own cache.
	run(dir, nil, tool, "generate", "./...")
	run(dir, nil, "go", "vet", "./...")

	var gen, vet, rerun, uncached []time.Duration
	for range *n {
		clean(dir)
		gen = append(gen, timed(dir, tool, "generate", "./..."))
		vet = append(vet, timed(dir, "go", "vet", "./..."))
		before := snapshot(dir)
		rerun = append(rerun, timed(dir, tool, "generate", "./..."))
		uncached = append(uncached, timed(dir, tool, "generate", "--no-cache", "./..."))
		if after := snapshot(dir); after != before {
			log.Fatal("the rerun changed files")
		}
	}
	// A rerun timed as a miss would flatter nothing: check it hits.
	check := exec.Command(tool, "generate", "-v", "./...")
	check.Dir = dir
	if out, err := check.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("cache: hit")) {
		log.Fatalf("the rerun is not a cache hit: %v\n%s", err, out)
	}
	g, v, r, u := median(gen), median(vet), median(rerun), median(uncached)
	fmt.Printf("repo:      %d actions in %d packages\n", *actions, *pkgs)
	fmt.Printf("generate:  %v\n", g.Round(time.Millisecond))
	fmt.Printf("go vet:    %v\n", v.Round(time.Millisecond))
	fmt.Printf("rerun:     %v (no change, nothing written: a cache hit)\n", r.Round(time.Millisecond))
	fmt.Printf("uncached:  %v (the same rerun with --no-cache)\n", u.Round(time.Millisecond))
	fmt.Printf("ratio generate/vet: %.2f\n", float64(g)/float64(v))
	l, a, rd := phases(dir, *n)
	fmt.Printf("in process: load %v, load+scan+analyze %v, render %v\n",
		l.Round(time.Millisecond), a.Round(time.Millisecond), rd.Round(time.Millisecond))
}

// moduleRoot finds robusta-go's root from the current directory.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/robusta-go/robusta").Output()
	if err != nil {
		return "", fmt.Errorf("finding robusta-go (run gen-bench from its module): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func run(dir string, env []string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func timed(dir, name string, args ...string) time.Duration {
	start := time.Now()
	run(dir, nil, name, args...)
	return time.Since(start)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// clean removes every generated file, so that generate writes them all.
func clean(dir string) {
	os.RemoveAll(filepath.Join(dir, "robusta"))
	files, _ := filepath.Glob(filepath.Join(dir, "*", "zz_generated.robusta.go"))
	for _, f := range files {
		os.Remove(f)
	}
}

// snapshot is every generated file's name, size and mtime.
func snapshot(dir string) string {
	var b bytes.Buffer
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && !strings.Contains(path, string(filepath.Separator)+"bin"+string(filepath.Separator)) {
			fmt.Fprintf(&b, "%s %d %d\n", path, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

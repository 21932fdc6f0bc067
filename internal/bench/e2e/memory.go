package main

// Memory is measured in child processes: the parent re-executes this binary
// with -measure-memory runner|bare and reads one JSON line from its stdout.
// In one process the two figures would not start from the same heap: the
// parent holds the control plane's client state, the throughput runs'
// recorders and whatever the first informer left behind (spans the runtime
// has not returned, client-go's buffers), and that would be counted against
// whichever informer runs second. A fresh process per informer takes its
// baseline after building the client (and, for the runner, the engine), so
// the difference is the informer: its cache, its indexer and its machinery.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// heapResult is one informer's heap with every pod cached.
type heapResult struct {
	Informer string `json:"informer"`
	// HeapInuse and HeapAlloc are runtime.MemStats figures after GC with
	// the pods cached, minus the same just before the informer started.
	HeapInuse     int64 `json:"heap_inuse_bytes"`
	HeapAlloc     int64 `json:"heap_alloc_bytes"`
	BaseHeapInuse int64 `json:"baseline_heap_inuse_bytes"`
	BaseHeapAlloc int64 `json:"baseline_heap_alloc_bytes"`
	// RSS is the whole child process's resident set after GC with the pods
	// cached (VmRSS), what a container's memory limit counts; BaseRSS the
	// same just before the informer started.
	RSS     int64 `json:"rss_bytes"`
	BaseRSS int64 `json:"baseline_rss_bytes"`
	// SyncSeconds is the time from start to synced: the initial list.
	SyncSeconds float64 `json:"sync_seconds"`
	// Cached is how many objects the runner's Source held (runner only): a
	// check that the figure is for every pod.
	Cached int `json:"cached_objects,omitempty"`
}

// measureMemory runs the child measuring informer ("runner" or "bare").
func measureMemory(ctx context.Context, kubeconfig, informer string) (heapResult, error) {
	self, err := os.Executable()
	if err != nil {
		return heapResult{}, fmt.Errorf("finding this program: %w", err)
	}
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, self, "-measure-memory", informer, "-child-kubeconfig", kubeconfig)
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return heapResult{}, fmt.Errorf("measuring the %s informer's memory: %w", informer, err)
	}
	var r heapResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return heapResult{}, fmt.Errorf("reading the %s informer's memory %q: %w", informer, out.String(), err)
	}
	log.Printf("memory, %s: RSS %.1f MiB, heap %.1f MiB in use after GC (synced in %.2f s)", informer, mib(r.RSS), mib(r.HeapInuse), r.SyncSeconds)
	return r, nil
}

// memoryChild is the child's side: start the informer, wait until it has
// synced, GC, and print the heap growth as JSON to out.
func memoryChild(ctx context.Context, informer, kubeconfig string, out io.Writer) error {
	client, err := clientFromKubeconfig(kubeconfig)
	if err != nil {
		return err
	}
	var start func() (stop func() error, err error)
	cached := func() int { return 0 }
	switch informer {
	case "bare":
		start = func() (func() error, error) { return startBare(ctx, client, nil) }
	case "runner":
		r, err := newRunner(ctx, nil) // the engine is built before the baseline: only the Source is measured
		if err != nil {
			return err
		}
		start = func() (func() error, error) { return r.stop, r.startSource(ctx, client) }
		cached = func() int { return r.src.Cached() }
	default:
		return fmt.Errorf("-measure-memory: want runner or bare, not %q", informer)
	}
	r, err := heapGrowth(start)
	if err != nil {
		return err
	}
	r.Informer, r.Cached = informer, cached()
	if err := json.NewEncoder(out).Encode(r); err != nil {
		return fmt.Errorf("writing the result: %w", err)
	}
	return nil
}

// heapGrowth measures the heap before start and after it returns (synced),
// each time after GC.
func heapGrowth(start func() (func() error, error)) (heapResult, error) {
	base := settledHeap()
	baseRSS, err := rss()
	if err != nil {
		return heapResult{}, err
	}
	t0 := time.Now()
	stop, err := start()
	if err != nil {
		if stop != nil {
			err = fmt.Errorf("%w (stopping: %w)", err, stop())
		}
		return heapResult{}, err
	}
	synced := time.Since(t0)
	after := settledHeap()
	afterRSS, err := rss()
	if err != nil {
		return heapResult{}, errors.Join(err, stop())
	}
	r := heapResult{RSS: afterRSS, BaseRSS: baseRSS,
		HeapInuse: int64(after.HeapInuse) - int64(base.HeapInuse), HeapAlloc: int64(after.HeapAlloc) - int64(base.HeapAlloc),
		BaseHeapInuse: int64(base.HeapInuse), BaseHeapAlloc: int64(base.HeapAlloc), SyncSeconds: synced.Seconds(),
	}
	if err := stop(); err != nil { // after the reading: the informer is alive until here
		return heapResult{}, err
	}
	return r, nil
}

// settledHeap collects garbage twice and returns freed memory to the OS
// before reading the heap figures.
func settledHeap() runtime.MemStats {
	runtime.GC()
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// rss is this process's resident set size, from /proc/self/status: the
// figure the kernel charges to a container's memory limit.
func rss() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("reading the resident set size: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("reading the resident set size from %q: %w", line, err)
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("reading the resident set size: no VmRSS in /proc/self/status")
}

package main

import (
	"context"
	"fmt"
	"log"
	"strconv"
	"strings"
	"time"

	"k8s.io/client-go/kubernetes"
)

// memoryRun is both informers' memory with Pods pods cached.
type memoryRun struct {
	Pods          int        `json:"pods"`
	CreateSeconds float64    `json:"create_pods_seconds"` // the pods added for this size
	Runner        heapResult `json:"runner"`
	Bare          heapResult `json:"bare_informer"`
	firstPod      string
}

// measureMemoryAt adds pods from..to-1 to the memory namespace, checks
// the cluster holds exactly to pods, and measures each informer in its own
// child process.
func measureMemoryAt(ctx context.Context, client kubernetes.Interface, kubeconfig string, from, to, creators int) (memoryRun, error) {
	m := memoryRun{Pods: to}
	t0 := time.Now()
	names, err := createPods(ctx, client, memoryNamespace, from, to, creators)
	if err != nil {
		return m, err
	}
	m.CreateSeconds, m.firstPod = time.Since(t0).Seconds(), names[0]
	cached, err := countPods(ctx, client)
	if err != nil {
		return m, err
	}
	log.Printf("created %d pods (create + status) in %.1f s; %d pods in the cluster", to-from, m.CreateSeconds, cached)
	if cached != to {
		return m, fmt.Errorf("the cluster has %d pods, want %d", cached, to)
	}
	if m.Runner, err = measureMemory(ctx, kubeconfig, "runner"); err != nil {
		return m, err
	}
	if m.Runner.Cached != to {
		return m, fmt.Errorf("the runner's Source cached %d objects, want %d pods", m.Runner.Cached, to)
	}
	if m.Bare, err = measureMemory(ctx, kubeconfig, "bare"); err != nil {
		return m, err
	}
	return m, nil
}

// podCounts parses -pods: positive counts in ascending order.
func podCounts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-pods %q: want positive counts separated by commas", s)
		}
		if len(out) > 0 && n <= out[len(out)-1] {
			return nil, fmt.Errorf("-pods %q: counts must ascend (the pods of each size are kept for the next)", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// memoryRows are the table's lines for one size.
func (m memoryRun) rows() []row {
	rm, bm, n := m.Runner, m.Bare, float64(m.Pods)
	k := func(name string) string { return fmt.Sprintf("%s_%d", name, m.Pods) }
	return []row{
		{k("rss"), fmt.Sprintf("memory: RSS of the process after GC, %d pods cached [5]", m.Pods), mib(rm.RSS), mib(bm.RSS), "MiB"},
		{k("rss_growth"), fmt.Sprintf("memory: RSS growth, start → %d pods synced [5]", m.Pods), mib(rm.RSS - rm.BaseRSS), mib(bm.RSS - bm.BaseRSS), "MiB"},
		{k("heap_inuse"), fmt.Sprintf("memory: heap in use after GC, %d pods cached [5]", m.Pods), mib(rm.HeapInuse), mib(bm.HeapInuse), "MiB"},
		{k("heap_alloc"), fmt.Sprintf("memory: heap allocated after GC, %d pods cached [5]", m.Pods), mib(rm.HeapAlloc), mib(bm.HeapAlloc), "MiB"},
		{k("heap_inuse_per_pod"), "memory: heap in use per pod", float64(rm.HeapInuse) / n / 1024, float64(bm.HeapInuse) / n / 1024, "KiB"},
		{k("sync_time"), fmt.Sprintf("initial sync of %d pods", m.Pods), rm.SyncSeconds, bm.SyncSeconds, "s"},
	}
}

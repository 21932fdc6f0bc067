// Command bench-e2e measures the runner's Kubernetes path against a bare
// client-go informer on a real control plane: it starts its own etcd and
// kube-apiserver with envtest (binaries from KUBEBUILDER_ASSETS, else from
// .ci/install-control-plane.sh; no kubelet, no controllers), and in one run
// measures each figure for both and prints them side by side with the ratio
// runner/bare.
//
// Throughput. -writers concurrent clients merge-patch an annotation on
// -update-pods pods, -updates times in all. The clock starts just before the
// first patch is sent and stops when the last update is seen: for the runner
// when the no-op action has started on every update, having gone through
// kube.Source (with its StripForCache transform) → engine pool → a playbook
// on on_pod_update (namespace filter) → the action, all real code configured
// with config.Load; for the bare informer when its UpdateFunc has been called
// for every update. A short unmeasured warm-up runs first, then -rounds
// rounds of both paths, in alternating order so that a drift in the
// machine's load favours neither; each round starts a fresh informer and
// sends its own updates. The median round is reported. Either way the
// figure is bounded by how fast the API server takes writes: an informer
// cannot see updates faster than they are made, so the ratio shows whether
// the runner keeps up, and the latency figures show its own cost.
//
// Latency, per update, keyed by (pod name, resourceVersion), pooled over
// the rounds:
//   - runner: from the update's arrival at the informer (the Source's handler
//     calling its Submitter, which the benchmark wraps to take the time) to
//     the action's start (taken in the action). This is the runner's own
//     cost: queueing, filters, event building, dispatch.
//   - bare: from the patch call returning to the client to the UpdateFunc
//     call. This is what the API server and the watch take, a reference for
//     the scale of the runner's figure, not the same interval; it can be
//     negative when the watch event beats the patch response.
//   - also printed: runner from the patch returning to the action's start,
//     the same start point as the bare figure, so that row compares what a
//     user waits for with what a bare informer waits for.
//
// Memory, for each count of -pods in turn (10,000 then 50,000 by default;
// each size adds to the pods of the last). Pods are created (-creators
// concurrent clients) as kubectl
// apply creates them (fieldManager kubectl-client-side-apply, a ~2 KB
// last-applied-configuration annotation, labels, annotations, owner
// reference, a two-container spec) and given a status as the kubelet writes
// it (fieldManager kubelet, subresource status), so managedFields hold the
// entries a real cluster records. Each informer is then measured in a child
// process of this binary (see memory.go): the process's RSS after GC with
// every pod cached (what a container's memory limit counts, and the ratio
// the runner is held to), its growth from just before the informer
// started, and heap in use and allocated, minus the same figures taken just
// before the informer started. For the runner the child also checks that
// the Source cached every pod.
//
// The machine's load average is printed with the figures: the numbers only
// mean something next to it.
//
//	go run ./internal/bench/e2e [-pods 10000,50000] [-updates 2000] [-json]   (or: make bench-e2e)
//	make bench-e2e BENCH_E2E_FLAGS="-pods 10000 -updates 10000"   (10k pods only)
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"
)

// params are the benchmark's knobs, from the flags.
type params struct {
	pods                                           []int // ascending
	updates, updatePods, writers, creators, rounds int
	timeout                                        time.Duration
}

func main() {
	var p params
	pods := flag.String("pods", "10000,50000", "pods cached for the memory figures: one count or an ascending comma-separated list, each measured")
	flag.IntVar(&p.updates, "updates", 2000, "pod updates for the throughput and latency figures")
	flag.IntVar(&p.updatePods, "update-pods", 100, "pods the updates are spread over")
	flag.IntVar(&p.writers, "writers", 8, "concurrent clients writing the updates")
	flag.IntVar(&p.rounds, "rounds", 3, "rounds of updates per path, in alternating order; the median round is reported")
	flag.IntVar(&p.creators, "creators", 16, "concurrent clients creating the pods")
	flag.DurationVar(&p.timeout, "timeout", 20*time.Minute, "give up after this long")
	jsonOut := flag.Bool("json", false, "print the results as JSON")
	child := flag.String("measure-memory", "", "internal: measure one informer's heap (runner or bare) and print it as JSON")
	kubeconfig := flag.String("child-kubeconfig", "", "internal: the control plane, for -measure-memory")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench-e2e: ")
	var err error
	if p.pods, err = podCounts(*pods); err != nil {
		log.Fatal(err)
	}
	if p.updates <= 0 || p.updatePods <= 0 || p.writers <= 0 || p.creators <= 0 || p.rounds <= 0 {
		log.Fatal("-updates, -update-pods, -writers, -creators and -rounds must be positive")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()

	if *child != "" {
		if err := memoryChild(ctx, *child, *kubeconfig, os.Stdout); err != nil {
			log.Fatalf("measuring %s: %v", *child, err)
		}
		return
	}
	rep, err := run(ctx, p)
	if err != nil {
		log.Fatal(err)
	}
	if *jsonOut {
		err = rep.writeJSON(os.Stdout)
	} else {
		err = rep.writeTable(os.Stdout)
	}
	if err != nil {
		log.Fatal(fmt.Errorf("printing the results: %w", err))
	}
}

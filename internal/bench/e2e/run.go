package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"runtime"
	"slices"
	"time"
)

// run starts the control plane, takes every measurement and returns the
// report; the control plane is stopped on return.
func run(ctx context.Context, p params) (rep *report, err error) {
	rep = &report{Updates: p.updates, UpdatePods: p.updatePods, Writers: p.writers, Rounds: p.rounds,
		CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	rep.sampleLoad("start")
	t0 := time.Now()
	cp, err := startControlPlane()
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, cp.stop()) }()
	rep.ControlPlaneSeconds = time.Since(t0).Seconds()
	log.Printf("control plane up in %.1f s", rep.ControlPlaneSeconds)
	client, err := newClient(cp.config)
	if err != nil {
		return nil, err
	}

	// Throughput and latency, on their own pods, removed afterwards so that
	// the memory figures count exactly -pods pods.
	names, err := createPods(ctx, client, updatesNamespace, 0, p.updatePods, p.creators)
	if err != nil {
		return nil, err
	}
	if _, err := measureRound(ctx, client, names, min(p.updates, 200), p.writers, "warm-up (bare, not reported)", startBare, false); err != nil {
		return nil, err
	}
	var bare, runner []round
	for i := range p.rounds {
		paths := []struct {
			label  string
			start  startFunc
			action bool
			out    *[]round
		}{{"bare informer", startBare, false, &bare}, {"runner", startRunner, true, &runner}}
		if i%2 == 1 { // alternate the order, so that drift in load favours neither
			slices.Reverse(paths)
		}
		for _, x := range paths {
			r, err := measureRound(ctx, client, names, p.updates, p.writers, fmt.Sprintf("%s, round %d/%d", x.label, i+1, p.rounds), x.start, x.action)
			if err != nil {
				return nil, err
			}
			*x.out = append(*x.out, r)
		}
	}
	rep.Bare.Updates = summarizeRounds(bare, p.updates, false)
	rep.Runner.Updates = summarizeRounds(runner, p.updates, true)
	if err := deletePods(ctx, client, updatesNamespace); err != nil {
		return nil, err
	}
	rep.sampleLoad("after updates")

	// Memory, at each size, the pods of the smaller sizes kept.
	from := 0
	for _, n := range p.pods {
		m, err := measureMemoryAt(ctx, client, cp.kubeconfig, from, n, p.creators)
		if err != nil {
			return nil, err
		}
		if from == 0 {
			if rep.PodBytes, err = podSize(ctx, client, m.firstPod); err != nil {
				return nil, err
			}
		}
		rep.Memory, from = append(rep.Memory, m), n
		rep.sampleLoad(fmt.Sprintf("after %d pods", n))
	}
	rep.sampleLoad("end")
	rep.computeRatios()
	return rep, nil
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"slices"
	"strconv"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
)

// updateRun is what one informer path did with the updates, over every
// round: the median round's time, and latencies pooled over all rounds.
type updateRun struct {
	Seconds      float64   `json:"seconds"` // median round: first update sent → last seen
	PerSecond    float64   `json:"updates_per_second"`
	RoundSeconds []float64 `json:"round_seconds"`
	// WriteToArrival: patch returned → informer handler.
	WriteToArrival quantiles `json:"write_to_handler"`
	// ArrivalToStart and WriteToStart: runner only.
	ArrivalToStart *quantiles `json:"handler_to_action_start,omitempty"`
	WriteToStart   *quantiles `json:"write_to_action_start,omitempty"`
}

// round is one measured run of updates through one informer path.
type round struct {
	elapsed time.Duration
	rec     *recorder
}

// summarizeRounds sums up the rounds of one path, n updates each.
func summarizeRounds(rounds []round, n int, action bool) updateRun {
	var r updateRun
	var w2a, a2s, w2s []time.Duration
	for _, x := range rounds {
		r.RoundSeconds = append(r.RoundSeconds, x.elapsed.Seconds())
		w2a = append(w2a, between(&x.rec.wrote, &x.rec.arrived)...)
		a2s = append(a2s, between(&x.rec.arrived, &x.rec.started)...)
		w2s = append(w2s, between(&x.rec.wrote, &x.rec.started)...)
	}
	secs := slices.Sorted(slices.Values(r.RoundSeconds))
	r.Seconds = secs[(len(secs)-1)/2]
	r.PerSecond = float64(n) / r.Seconds
	r.WriteToArrival = summarize(w2a)
	if action {
		a, w := summarize(a2s), summarize(w2s)
		r.ArrivalToStart, r.WriteToStart = &a, &w
	}
	return r
}

// measureRound starts an informer path with start, sends n updates to the
// pods names with writers concurrent clients, and times them until the path
// has seen all n.
func measureRound(ctx context.Context, client kubernetes.Interface, names []string, n, writers int, label string, start startFunc, action bool) (round, error) {
	rec := newRecorder(fmt.Sprintf("r%d", time.Now().UnixNano()), n, action)
	stop, err := start(ctx, client, rec)
	if err != nil {
		return round{}, fmt.Errorf("%s: %w", label, err)
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	t0 := time.Now()
	written := make(chan error, 1)
	go func() { written <- writeUpdates(wctx, client, names, n, writers, rec) }()

	var errs []error
	var werr error
	wdone := false
	select {
	case <-rec.done:
	case werr = <-written:
		wdone = true
		if werr != nil {
			break
		}
		select { // all sent: wait for the rest to be seen
		case <-rec.done:
		case <-ctx.Done():
		case <-time.After(2 * time.Minute):
			errs = append(errs, errors.New("not every update was seen within 2m of the last write"))
		}
	case <-ctx.Done():
	}
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	if err := stop(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		cancel() // stop the writers; when all went well they are finishing their last patches
	}
	if !wdone {
		werr = <-written
	}
	if werr != nil && len(errs) == 0 {
		errs = append(errs, werr)
	}
	if err := errors.Join(errs...); err != nil {
		return round{}, fmt.Errorf("%s: %w", label, err)
	}
	r := round{elapsed: rec.doneAt.Sub(t0), rec: rec}
	log.Printf("%s: %d updates in %.2f s", label, n, r.elapsed.Seconds())
	return r, nil
}

// writeUpdates merge-patches two annotations (the run and a sequence
// number) n times with writers concurrent clients: update j is written by
// writer j%writers, which cycles through its own share of names. rec.wrote
// gets the time each patch returned, by the pod and resourceVersion it
// returned.
func writeUpdates(ctx context.Context, client kubernetes.Interface, names []string, n, writers int, rec *recorder) error {
	writers = min(writers, len(names))
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		var own []string
		for i := w; i < len(names); i += writers {
			own = append(own, names[i])
		}
		wg.Go(func() {
			pods := client.CoreV1().Pods(updatesNamespace)
			for k, j := 0, w; j < n; k, j = k+1, j+writers {
				patch, err := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": map[string]string{
					runAnnotation: rec.run, "bench.robusta.dev/seq": strconv.Itoa(j)}}})
				if err != nil {
					errs[w] = fmt.Errorf("encoding a patch: %w", err)
					return
				}
				name := own[k%len(own)]
				p, err := pods.Patch(ctx, name, types.MergePatchType, patch, metav1.PatchOptions{FieldManager: "bench-writer"})
				if err != nil {
					errs[w] = fmt.Errorf("patching pod %s: %w", name, err)
					return
				}
				rec.wrote.mark(objKey{p.Name, p.ResourceVersion}, time.Now())
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

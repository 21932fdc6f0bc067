package main

import (
	"math"
	"slices"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// runAnnotation marks the updates of one measured run; informers count
// only updates carrying the current run's value.
const runAnnotation = "bench.robusta.dev/run"

// objKey identifies one update: a pod at one resourceVersion.
type objKey struct{ name, rv string }

// stamps are times by update.
type stamps struct {
	mu sync.Mutex
	at map[objKey]time.Time
}

// mark records t for k unless k has a time already, and returns how many
// updates have a time.
func (s *stamps) mark(k objKey, t time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.at == nil {
		s.at = map[objKey]time.Time{}
	}
	if _, ok := s.at[k]; !ok {
		s.at[k] = t
	}
	return len(s.at)
}

// recorder takes the times of one run's updates: when each patch returned
// (wrote), reached the informer's handler (arrived) and, on the runner's
// path, started the action (started). The run is done when want updates
// have reached the last stage: arrived for the bare informer, started for
// the runner.
type recorder struct {
	run     string
	want    int
	action  bool // the run ends at the action's start, not at arrival
	wrote   stamps
	arrived stamps
	started stamps
	done    chan struct{}
	doneAt  time.Time // written once, before done is closed
}

func newRecorder(run string, want int, action bool) *recorder {
	return &recorder{run: run, want: want, action: action, done: make(chan struct{})}
}

// arrive records that obj reached the informer's handler.
func (r *recorder) arrive(obj any) { r.stamp(&r.arrived, obj, !r.action) }

// start records that the action started on obj.
func (r *recorder) start(obj any) { r.stamp(&r.started, obj, r.action) }

func (r *recorder) stamp(s *stamps, obj any, final bool) {
	if r == nil {
		return
	}
	now := time.Now()
	m, ok := obj.(metav1.Object)
	if !ok || m.GetAnnotations()[runAnnotation] != r.run {
		return
	}
	if n := s.mark(objKey{m.GetName(), m.GetResourceVersion()}, now); final && n == r.want {
		r.doneAt = now
		close(r.done)
	}
}

// between returns, for each update with a time in both, to minus from.
func between(from, to *stamps) []time.Duration {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	var ds []time.Duration
	for k, t0 := range from.at {
		if t1, ok := to.at[k]; ok {
			ds = append(ds, t1.Sub(t0))
		}
	}
	return ds
}

// quantiles summarises a latency distribution, in milliseconds.
type quantiles struct {
	N     int     `json:"n"`
	P50Ms float64 `json:"p50_ms"`
	P99Ms float64 `json:"p99_ms"`
	MaxMs float64 `json:"max_ms"`
}

func summarize(ds []time.Duration) quantiles {
	if len(ds) == 0 {
		return quantiles{}
	}
	slices.Sort(ds)
	return quantiles{N: len(ds), P50Ms: ms(percentile(ds, 50)), P99Ms: ms(percentile(ds, 99)), MaxMs: ms(ds[len(ds)-1])}
}

// percentile is the nearest-rank p-th percentile of sorted ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p/100*float64(len(ds)))) - 1
	return ds[max(i, 0)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// report is everything one run measured. Field names carry their units.
type report struct {
	Updates             int          `json:"updates"`
	UpdatePods          int          `json:"update_pods"`
	Writers             int          `json:"writers"`
	Rounds              int          `json:"rounds"`
	CPUs                int          `json:"cpus"`
	GOMAXPROCS          int          `json:"gomaxprocs"`
	Load                []loadSample `json:"load_average"`
	ControlPlaneSeconds float64      `json:"control_plane_start_seconds"`
	PodBytes            podSizes     `json:"pod_json_bytes"`
	Memory              []memoryRun  `json:"memory"`
	Runner              pathReport   `json:"runner"`
	Bare                pathReport   `json:"bare_informer"`
	// Ratios are runner/bare for each figure of the table.
	Ratios map[string]float64 `json:"ratios_runner_over_bare"`
}

type pathReport struct {
	Updates updateRun `json:"updates"`
}

// loadSample is /proc/loadavg's 1, 5 and 15 minute averages at a point.
type loadSample struct {
	At   string `json:"at"`
	Load string `json:"load"`
}

func (r *report) sampleLoad(at string) {
	load := "n/a"
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			load = strings.Join(f[:3], " ")
		}
	}
	r.Load = append(r.Load, loadSample{At: at, Load: load})
}

// row is one line of the table: a figure for both paths, in one unit.
type row struct {
	key, name    string
	runner, bare float64
	unit         string
}

func (r *report) rows() []row {
	ru, bu := r.Runner.Updates, r.Bare.Updates
	var a2s, w2s quantiles
	if ru.ArrivalToStart != nil {
		a2s, w2s = *ru.ArrivalToStart, *ru.WriteToStart
	}
	rows := []row{
		{"throughput_time", fmt.Sprintf("throughput: %d updates, first sent → last seen [1]", r.Updates), ru.Seconds, bu.Seconds, "s"},
		{"throughput_rate", "throughput: rate", ru.PerSecond, bu.PerSecond, "updates/s"},
		{"latency_p50", "latency p50: runner handler → action start, bare write → handler [2]", a2s.P50Ms, bu.WriteToArrival.P50Ms, "ms"},
		{"latency_p99", "latency p99: runner handler → action start, bare write → handler [2]", a2s.P99Ms, bu.WriteToArrival.P99Ms, "ms"},
		{"write_to_handler_p50", "latency p50: write → handler, both [3]", ru.WriteToArrival.P50Ms, bu.WriteToArrival.P50Ms, "ms"},
		{"write_to_handler_p99", "latency p99: write → handler, both [3]", ru.WriteToArrival.P99Ms, bu.WriteToArrival.P99Ms, "ms"},
		{"write_to_action_p50", "latency p50: write → action start (runner), → handler (bare) [4]", w2s.P50Ms, bu.WriteToArrival.P50Ms, "ms"},
		{"write_to_action_p99", "latency p99: write → action start (runner), → handler (bare) [4]", w2s.P99Ms, bu.WriteToArrival.P99Ms, "ms"},
	}
	for _, m := range r.Memory {
		rows = append(rows, m.rows()...)
	}
	return rows
}

func (r *report) computeRatios() {
	r.Ratios = map[string]float64{}
	for _, x := range r.rows() {
		if x.bare != 0 {
			r.Ratios[x.key] = x.runner / x.bare
		}
	}
}

func (r *report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *report) writeTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "bench-e2e: envtest control plane (etcd + kube-apiserver, no kubelet); %d CPUs, GOMAXPROCS %d; control plane up in %.1f s\n",
		r.CPUs, r.GOMAXPROCS, r.ControlPlaneSeconds)
	fmt.Fprintf(&b, "updates: %d merge patches by %d concurrent clients over %d pods, %d round(s), median round reported, latencies pooled\n",
		r.Updates, r.Writers, r.UpdatePods, r.Rounds)
	pb := r.PodBytes
	for _, m := range r.Memory {
		fmt.Fprintf(&b, "memory: %d pods (the new ones created, then status set, in %.1f s)\n", m.Pods, m.CreateSeconds)
	}
	fmt.Fprintf(&b, "one pod is %d B of JSON as stored (last-applied %d B, managedFields %d B), %d B after StripForCache\n",
		pb.Stored, pb.LastApplied, pb.ManagedFields, pb.Stripped)
	var loads []string
	for _, l := range r.Load {
		loads = append(loads, fmt.Sprintf("%s: %s", l.At, l.Load))
	}
	fmt.Fprintf(&b, "load average (1m 5m 15m): %s\n\n", strings.Join(loads, " | "))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}

	cells := [][]string{{"figure", "runner", "bare informer", "runner/bare"}}
	for _, x := range r.rows() {
		ratio := "n/a"
		if v, ok := r.Ratios[x.key]; ok {
			ratio = fmt.Sprintf("%.2f", v)
		}
		cells = append(cells, []string{x.name, value(x.runner, x.unit), value(x.bare, x.unit), ratio})
	}
	if _, err := io.WriteString(w, table(cells)); err != nil {
		return err
	}
	_, err := io.WriteString(w, `
[1] From just before the first patch is sent to the last update seen: the runner has started the no-op
    action on it (kube.Source → engine pool → playbook on on_pod_update → action), the bare informer's
    UpdateFunc has been called with it.
[2] Not the same interval. Runner: from the Source's handler handing the update to its Submitter to the
    action's start, i.e. the runner's own cost (queue, filter, event, dispatch). Bare: from the patch call
    returning to the UpdateFunc call, i.e. the API server and watch, as a reference for scale.
[3] The same interval for both: patch call returned → informer handler. Can be negative: the watch event
    may arrive before the patch response is decoded.
[4] What a user waits for: patch returned → the runner's action starts, next to the bare informer's
    patch returned → UpdateFunc.
[5] After runtime.GC() twice and debug.FreeOSMemory(), each informer in its own child process: RSS is the
    process's VmRSS (what a memory limit counts), growth and heap are minus the same just before the
    informer started. Runner: kube.Source (a Reflector into its compact store: stripped objects as
    protobuf, s2-compressed against a dictionary of the kind's own objects); bare: a typed pod informer
    without transform.
`)
	return err
}

// table lays cells out in columns, the first left-aligned, the others
// right-aligned.
func table(cells [][]string) string {
	var width []int
	for _, line := range cells {
		for i, c := range line {
			if i == len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, line := range cells {
		for i, c := range line {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("   " + pad + c)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func value(v float64, unit string) string {
	switch unit {
	case "ms":
		return fmt.Sprintf("%.3f ms", v)
	case "updates/s":
		return fmt.Sprintf("%.0f updates/s", v)
	default:
		return fmt.Sprintf("%.2f %s", v, unit)
	}
}

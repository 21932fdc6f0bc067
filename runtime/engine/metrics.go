package engine

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the engine's Prometheus series, all prefixed robusta_.
type Metrics struct {
	PlaybookRuns   *prometheus.CounterVec
	ActionDuration *prometheus.HistogramVec
	ActionErrors   *prometheus.CounterVec
	FindingsSent   *prometheus.CounterVec
	FindingsFailed *prometheus.CounterVec
	// FindingsDropped counts findings a sink's full queue dropped.
	FindingsDropped *prometheus.CounterVec
	// ActionLateCalls counts calls an abandoned (timed-out) action made on
	// its event after the engine sealed it; they were ignored.
	ActionLateCalls *prometheus.CounterVec
	// SinkRetries counts the retries sinks made through retry.Do, by sink
	// and retry.Reason; route.go puts a counter in each sink's context.
	SinkRetries *prometheus.CounterVec
}

// NewMetrics creates the series and registers them with reg (nil: with
// nothing, for tests and tools).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		PlaybookRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "robusta_playbook_runs_total", Help: "Playbooks that fired, by playbook.",
		}, []string{"playbook"}),
		ActionDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "robusta_action_duration_seconds", Help: "How long actions ran, by action.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 12),
		}, []string{"action"}),
		ActionErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "robusta_action_errors_total", Help: "Actions that failed, by action and reason (error, panic, timeout).",
		}, []string{"action", "reason"}),
		FindingsSent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "robusta_findings_written_total", Help: "Findings a sink accepted, by sink.",
		}, []string{"sink"}),
		FindingsFailed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "robusta_findings_failed_total", Help: "Findings a sink failed to write, by sink.",
		}, []string{"sink"}),
		FindingsDropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "robusta_findings_dropped_total", Help: "Findings dropped because a sink's queue was full, by sink.",
		}, []string{"sink"}),
		ActionLateCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "robusta_action_late_calls_total", Help: "Event calls (AddEnrichment, AddFinding, StopProcessing) ignored because the action had timed out, by action and call.",
		}, []string{"action", "call"}),
		SinkRetries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "robusta_sink_retries_total", Help: "Calls to a sink's service that failed and were retried, by sink and reason (rate_limited, server_error, network).",
		}, []string{"sink", "reason"}),
	}
	if reg != nil {
		reg.MustRegister(m.PlaybookRuns, m.ActionDuration, m.ActionErrors, m.FindingsSent, m.FindingsFailed, m.FindingsDropped, m.ActionLateCalls, m.SinkRetries)
	}
	return m
}

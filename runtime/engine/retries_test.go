package engine

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/webhook"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// TestSinkRetriesCounted: a real webhook_sink posting to a server that
// answers 429 (Retry-After: 0) and then 200 shows one rate_limited retry in
// robusta_sink_retries_total, as the registry the runner serves on /metrics
// gathers it, with no code of the sink's own.
func TestSinkRetriesCounted(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if posts.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()

	cfg := &config.Config{Playbooks: []config.Playbook{{
		Name:     "p",
		Triggers: []*trigger.Trigger{trig(t, "on_pod_update", "")},
		Actions:  []config.Action{act("finds", enrich("found"))},
	}}}
	cfg.Sinks = []config.Sink{{
		Type:   &webhook.Type,
		Common: sink.Common{Name: "hook"},
		Params: []byte(`{"name": "hook", "url": "` + srv.URL + `"}`),
	}}
	reg := prometheus.NewPedanticRegistry()
	metrics := NewMetrics(reg)
	e, d := newEngine(t, cfg, WithMetrics(metrics))
	d.Change(context.Background(), podChange(api.OperationUpdate, pod("ns", "web", nil)))
	closeEngine(t, e) // drains the sink: its retries are done

	if n := posts.Load(); n != 2 {
		t.Fatalf("server got %d posts, want 2 (the 429, then the retry)", n)
	}
	want := `
# HELP robusta_sink_retries_total Calls to a sink's service that failed and were retried, by sink and reason (rate_limited, server_error, network).
# TYPE robusta_sink_retries_total counter
robusta_sink_retries_total{reason="network",sink="hook"} 0
robusta_sink_retries_total{reason="rate_limited",sink="hook"} 1
robusta_sink_retries_total{reason="server_error",sink="hook"} 0
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "robusta_sink_retries_total"); err != nil {
		t.Error(err)
	}
	if got := testutil.ToFloat64(metrics.FindingsSent.WithLabelValues("hook")); got != 1 {
		t.Errorf("findings_written{sink=hook} = %v, want 1", got)
	}
}

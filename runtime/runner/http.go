package runner

import (
	"net/http"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves the probes and /metrics, on --metrics-listen.
// /readyz is ready once notReady returns "" (this replica takes events and
// every informer has listed its kind), so that a rollout waits for the
// runner to see the cluster before the old one goes, and a Service sends
// alerts only to the leader.
func metricsHandler(reg *prometheus.Registry, notReady func() string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if reason := notReady(); reason != "" {
			http.Error(w, reason, http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	return mux
}

// apiHandler serves the API on --listen: a ServeMux pattern per handler,
// and nothing else, so that the port a NetworkPolicy opens to Alertmanager
// exposes no metrics and the metrics port runs no action.
func apiHandler(routes map[string]http.Handler) http.Handler {
	mux := http.NewServeMux()
	for pattern, h := range routes {
		mux.Handle(pattern, h)
	}
	return mux
}

// leaderOnly answers 503 while this replica does not lead. Alertmanager
// retries a 5xx, so an alert posted to a replica that just lost the Lease
// (or reached one before the Service noticed it is not ready) is sent again
// and lands on the leader, instead of running on two replicas or none. The
// body is JSON, like the API's other errors.
func leaderOnly(leading *atomic.Bool, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !leading.Load() {
			writeError(w, http.StatusServiceUnavailable, "not the leader: another replica takes events", 1)
			return
		}
		h.ServeHTTP(w, r)
	})
}

package runner

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// limited runs at most n requests of h at once and answers the others at
// once with status (503 for Alertmanager, which retries a 5xx; 429 for a
// manual caller) and Retry-After, instead of queueing them: each request
// holds a body of up to a MiB and, for a manual run, an object and its
// findings, so an unbounded number in flight is unbounded memory.
func limited(n int, status int, endpoint string, rejected *prometheus.CounterVec, h http.Handler) http.Handler {
	slots := make(chan struct{}, n)
	counter := rejected.WithLabelValues(endpoint)
	msg := fmt.Sprintf("%s is busy: %d requests in flight; retry later", endpoint, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			h.ServeHTTP(w, r)
		default:
			counter.Inc()
			writeError(w, status, msg, 1)
		}
	})
}

// newRejected counts requests limited turned away.
func newRejected(reg prometheus.Registerer) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "robusta_http_requests_rejected_total",
		Help: "API requests answered 429 or 503 at once because too many were in flight, by endpoint.",
	}, []string{"endpoint"})
	reg.MustRegister(c)
	return c
}

// writeError answers with the API's JSON error body; retry > 0 adds
// Retry-After in seconds.
func writeError(w http.ResponseWriter, status int, msg string, retry int) {
	w.Header().Set("Content-Type", "application/json")
	if retry > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retry))
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

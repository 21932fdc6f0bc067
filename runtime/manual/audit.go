package manual

import (
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Outcomes of a request, as counted in robusta_manual_runs_total.
const (
	outcomeOK           = "ok"
	outcomeFailed       = "failed"  // the action ran and failed
	outcomeRefused      = "refused" // a 4xx or 5xx before the action ran
	outcomeUnauthorized = "unauthorized"
	outcomeDisabled     = "disabled" // no token configured
)

// otherAction labels requests for actions that are not allowed, so that a
// caller cannot grow the metric's series with made-up names.
const otherAction = "other"

// Metrics are the manual trigger's Prometheus series.
type Metrics struct {
	Runs *prometheus.CounterVec
}

// NewMetrics creates the series and registers them with reg (nil: with
// nothing).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{Runs: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "robusta_manual_runs_total",
		Help: "Requests to POST /api/trigger, by action (\"other\" for one not allowed) and outcome (ok, failed, refused, unauthorized, disabled).",
	}, []string{"action", "outcome"})}
	if reg != nil {
		reg.MustRegister(m.Runs)
	}
	return m
}

// audit is one request's record: every request to the trigger is logged
// and counted, whoever sent it and whatever became of it, because running
// an action by name on an object is what an intruder would try.
type audit struct {
	h       *Handler
	r       *http.Request
	start   time.Time
	req     *Request // nil until decoded
	status  int
	outcome string
	err     string
}

func (h *Handler) newAudit(r *http.Request) *audit {
	return &audit{h: h, r: r, start: time.Now()}
}

// done logs and counts the request. The remote address is the connection's:
// headers such as X-Forwarded-For are the caller's to invent.
func (a *audit) done() {
	action := otherAction
	attrs := []any{"remote", a.r.RemoteAddr, "status", a.status, "outcome", a.outcome, "duration", time.Since(a.start).String()}
	if a.req != nil {
		if slices.Contains(a.h.Allowed, a.req.ActionName) {
			action = a.req.ActionName
		}
		attrs = append(attrs, "action", a.req.ActionName, "kind", a.req.Kind, "namespace", a.req.Namespace, "name", a.req.Name)
	}
	if a.err != "" {
		attrs = append(attrs, "error", a.err)
	}
	level := slog.LevelInfo
	switch a.outcome {
	case outcomeFailed:
		level = slog.LevelError
	case outcomeUnauthorized, outcomeDisabled:
		level = slog.LevelWarn
	}
	a.h.logger().Log(a.r.Context(), level, "manual run", attrs...)
	if m := a.h.Metrics; m != nil {
		m.Runs.WithLabelValues(action, a.outcome).Inc()
	}
}

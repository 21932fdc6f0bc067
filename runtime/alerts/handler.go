package alerts

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Defaults of Options.
const (
	DefaultMaxBody  = 10 << 20 // bytes
	DefaultTTL      = 2 * time.Hour
	DefaultMaxKeys  = 100_000
	maxReasonLength = 512
)

// Submitter queues an alert event; engine.Pool is one.
type Submitter interface {
	SubmitAlert(ctx context.Context, ev *api.PrometheusAlertEvent) error
}

// Options configure a Handler. Zero values take the defaults.
type Options struct {
	Token    string           // bearer token required when set
	Resolver Resolver         // nil: objects stay nil
	Logger   *slog.Logger     // nil: discard
	MaxBody  int64            // body size limit, DefaultMaxBody
	TTL      time.Duration    // how long a delivery is remembered, DefaultTTL
	MaxKeys  int              // how many deliveries are remembered, DefaultMaxKeys
	Now      func() time.Time // clock of the dedup cache, time.Now
	// Wants reports whether any playbook takes an alert; nil: every
	// alert. One that none takes is not resolved nor queued: the objects
	// its labels name are never read.
	Wants func(*api.Alert) bool
	// Relabel is the values' alertRelabel, applied to each alert's labels
	// before anything else reads them (deduplication, Wants, resolution).
	Relabel []Relabel
	// SeverityMap is globalConfig's custom_severity_map, given to every
	// event (api.PrometheusAlertEvent.SeverityMap).
	SeverityMap map[string]api.Severity
	// Provider is the cluster's provider (DetectProvider), set on every
	// alert for on_prometheus_alert's k8s_providers.
	Provider string
}

// Handler serves Alertmanager's webhook: POST one Message, get one event
// per new alert.
type Handler struct {
	wants    func(*api.Alert) bool
	submit   Submitter
	resolver Resolver
	logger   *slog.Logger
	token    [32]byte // sha256 of the token, so that comparing takes constant time
	hasToken bool
	maxBody  int64
	seen     *seen
	relabel  []Relabel
	severity map[string]api.Severity
	provider string
}

// Result is the JSON answer to a delivery.
type Result struct {
	Received   int `json:"received"`
	Submitted  int `json:"submitted"`
	Duplicates int `json:"duplicates"`
	// Ignored alerts match no playbook (Options.Wants): nothing ran.
	Ignored int `json:"ignored,omitempty"`
}

// NewHandler returns a Handler queuing events on s.
func NewHandler(s Submitter, o Options) *Handler {
	h := &Handler{submit: s, resolver: o.Resolver, logger: o.Logger, maxBody: o.MaxBody, wants: o.Wants,
		relabel: o.Relabel, severity: o.SeverityMap, provider: o.Provider}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBody
	}
	if o.Token != "" {
		h.token, h.hasToken = sha256.Sum256([]byte(o.Token)), true
	}
	ttl, maxKeys, now := o.TTL, o.MaxKeys, o.Now
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	if now == nil {
		now = time.Now
	}
	h.seen = newSeen(ttl, maxKeys, now)
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed: POST an Alertmanager webhook message", http.StatusMethodNotAllowed)
		return
	}
	if !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="robusta"`)
		http.Error(w, "unauthorized: missing or wrong bearer token", http.StatusUnauthorized)
		return
	}
	msg, code, err := h.decode(w, r)
	if err != nil {
		h.logger.Warn("alert webhook rejected", "status", code, "error", err)
		http.Error(w, reason(err), code)
		return
	}
	res, err := h.process(r.Context(), msg)
	if err != nil {
		h.logger.Error("alert webhook failed; Alertmanager will retry", "error", err, "submitted", res.Submitted)
		http.Error(w, reason(err), http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(res)
}

func (h *Handler) authorized(r *http.Request) bool {
	if !h.hasToken {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
	return subtle.ConstantTimeCompare(sum[:], h.token[:]) == 1
}

// decode reads and validates the body; on error it returns the status to
// answer.
func (h *Handler) decode(w http.ResponseWriter, r *http.Request) (*Message, int, error) {
	var msg Message
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, h.maxBody)).Decode(&msg); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: body larger than %d bytes", errBadMessage, h.maxBody)
		}
		return nil, http.StatusBadRequest, fmt.Errorf("%w: invalid JSON: %w", errBadMessage, err)
	}
	if err := msg.validate(); err != nil {
		return nil, http.StatusBadRequest, err
	}
	return &msg, 0, nil
}

// process queues one event per alert not seen before. On error, the
// alerts queued so far stay claimed, so that a retry runs only the rest.
func (h *Handler) process(ctx context.Context, msg *Message) (Result, error) {
	res := Result{Received: len(msg.Alerts)}
	for i := range msg.Alerts {
		wa := &msg.Alerts[i]
		// Robusta relabels first: its dedup hash and its triggers see the
		// relabelled alert.
		wa.Labels = relabel(h.relabel, wa.Labels)
		if alert := h.alert(wa); h.wants != nil && !h.wants(&alert) {
			res.Ignored++ // before claiming: nothing ran, nothing to remember
			continue
		}
		key := wa.dedupKey()
		if !h.seen.Claim(key) {
			res.Duplicates++
			continue
		}
		ev := &api.PrometheusAlertEvent{Alert: h.alert(wa), SeverityMap: h.severity}
		if err := h.run(ctx, ev); err != nil {
			h.seen.Release(key)
			return res, fmt.Errorf("alert %s (%s): %w", ev.Alert.Name, ev.Alert.Fingerprint, err)
		}
		res.Submitted++
	}
	h.logger.Info("alerts received", "receiver", msg.Receiver, "group", msg.GroupKey,
		"received", res.Received, "submitted", res.Submitted, "duplicates", res.Duplicates)
	return res, nil
}

// alert is wa as the engine sees it: with the cluster's provider.
func (h *Handler) alert(wa *WireAlert) api.Alert {
	a := wa.Alert()
	a.ClusterProvider = h.provider
	return a
}

func (h *Handler) run(ctx context.Context, ev *api.PrometheusAlertEvent) error {
	if h.resolver != nil {
		if err := h.resolver.Resolve(ctx, ev); err != nil {
			return err
		}
	}
	if err := h.submit.SubmitAlert(ctx, ev); err != nil {
		return fmt.Errorf("queuing: %w", err)
	}
	return nil
}

// reason is err's text, bounded: it may quote the body.
func reason(err error) string {
	s := err.Error()
	if len(s) > maxReasonLength {
		s = s[:maxReasonLength] + "..."
	}
	return s
}

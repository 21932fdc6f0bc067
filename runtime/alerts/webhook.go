package alerts

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Message is the body Alertmanager's webhook posts.
type Message struct {
	Version           string            `json:"version"`
	GroupKey          string            `json:"groupKey"`
	TruncatedAlerts   uint64            `json:"truncatedAlerts"`
	Status            string            `json:"status"`
	Receiver          string            `json:"receiver"`
	GroupLabels       map[string]string `json:"groupLabels"`
	CommonLabels      map[string]string `json:"commonLabels"`
	CommonAnnotations map[string]string `json:"commonAnnotations"`
	ExternalURL       string            `json:"externalURL"`
	Alerts            []WireAlert       `json:"alerts"`
}

// WireAlert is one alert of a Message.
type WireAlert struct {
	Status       string            `json:"status"`
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     time.Time         `json:"startsAt"`
	EndsAt       time.Time         `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL"`
	Fingerprint  string            `json:"fingerprint"`
}

// versions are the webhook versions accepted: Alertmanager's and Grafana's.
var versions = []string{"4", "1"}

// errBadMessage marks a body that a retry cannot fix.
var errBadMessage = errors.New("bad alert message")

// validate reports the first problem of m, wrapping errBadMessage.
func (m *Message) validate() error {
	switch {
	case m.Version == "":
		return fmt.Errorf("%w: missing version", errBadMessage)
	case !slices.Contains(versions, m.Version):
		return fmt.Errorf("%w: unsupported version %q (want one of %q)", errBadMessage, m.Version, versions)
	case len(m.Alerts) == 0:
		return fmt.Errorf("%w: missing alerts", errBadMessage)
	}
	for i, a := range m.Alerts {
		if a.Labels["alertname"] == "" {
			return fmt.Errorf("%w: alerts[%d] has no alertname label", errBadMessage, i)
		}
		if a.Status != "firing" && a.Status != "resolved" {
			return fmt.Errorf("%w: alerts[%d] status %q is not firing or resolved", errBadMessage, i, a.Status)
		}
	}
	return nil
}

// Alert converts w to the engine's alert.
func (w *WireAlert) Alert() api.Alert {
	return api.Alert{
		Name:         w.Labels["alertname"],
		Status:       w.Status,
		Labels:       w.Labels,
		Annotations:  w.Annotations,
		StartsAt:     w.StartsAt,
		EndsAt:       w.EndsAt,
		GeneratorURL: w.GeneratorURL,
		Fingerprint:  w.Fingerprint,
	}
}

// dedupKey identifies one delivery of an alert state, as Robusta's
// (fingerprint, status, startsAt, endsAt). Without a fingerprint, the
// sorted labels stand in for it.
func (w *WireAlert) dedupKey() string {
	id := w.Fingerprint
	if id == "" {
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(w.Labels)) {
			fmt.Fprintf(&b, "%q=%q,", k, w.Labels[k])
		}
		id = b.String()
	}
	return strings.Join([]string{id, w.Status, w.StartsAt.UTC().Format(time.RFC3339Nano), w.EndsAt.UTC().Format(time.RFC3339Nano)}, "|")
}

package pagerduty

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Events API v2 limits.
const (
	maxSummary  = 1024 // characters of payload.summary
	maxDedupKey = 255
	// maxStateMessage keeps custom_details well under the 512 KB PagerDuty
	// takes per event, whatever the blocks hold.
	maxStateMessage = 64 << 10
)

// event is an alert event (POST /v2/enqueue).
type event struct {
	RoutingKey  string   `json:"routing_key"`
	EventAction string   `json:"event_action"`
	DedupKey    string   `json:"dedup_key"`
	Payload     *payload `json:"payload,omitempty"`
	Links       []link   `json:"links,omitempty"`
}

type payload struct {
	Summary       string         `json:"summary"`
	Severity      string         `json:"severity"`
	Source        string         `json:"source"`
	Timestamp     string         `json:"timestamp,omitempty"`
	Component     string         `json:"component,omitempty"`
	Group         string         `json:"group,omitempty"`
	Class         string         `json:"class,omitempty"`
	CustomDetails map[string]any `json:"custom_details,omitempty"`
}

type link struct {
	Href string `json:"href"`
	Text string `json:"text,omitempty"`
}

// severity is Robusta's mapping onto PagerDuty's critical, error, warning
// and info.
func severity(s api.Severity) string {
	switch s {
	case api.SeverityHigh:
		return "critical"
	case api.SeverityLow:
		return "warning"
	}
	return "info"
}

// emoji is Robusta's severity emoji, for the Caption detail.
func emoji(s api.Severity) string {
	switch s {
	case api.SeverityHigh:
		return "🔴"
	case api.SeverityLow:
		return "🟡"
	case api.SeverityInfo:
		return "⚪️"
	}
	return "🔵"
}

// resolved reports whether f ends an alert: Robusta looks at the title
// only; an EndsAt says the same without depending on a title template.
func resolved(f *api.Finding) bool {
	return f.EndsAt != nil || strings.HasPrefix(f.Title, "[RESOLVED]")
}

// dedupKey is f's fingerprint, hashed when longer than PagerDuty takes.
func dedupKey(f *api.Finding) string {
	k := f.Fingerprint
	if k == "" {
		k = f.ComputeFingerprint()
	}
	if len(k) > maxDedupKey {
		sum := sha256.Sum256([]byte(k))
		k = hex.EncodeToString(sum[:])
	}
	return k
}

// alertEvent is f as an alert event of the routing key's service.
func alertEvent(f *api.Finding, key, cluster string) event {
	ev := event{RoutingKey: key, EventAction: "trigger", DedupKey: dedupKey(f)}
	if resolved(f) {
		ev.EventAction = "resolve"
		return ev
	}
	sev := severity(f.Severity)
	details := map[string]any{
		"Resource":                f.Subject.Name,
		"Cluster running Robusta": cluster,
		"Namespace":               f.Subject.Namespace,
		"Node":                    f.Subject.Node,
		"Source of the Alert":     strings.ToUpper(string(f.Source)),
		"Severity":                strings.ToUpper(sev),
		"Fingerprint ID":          f.Fingerprint,
		"Description":             f.Description,
		"Caption":                 emoji(f.Severity) + " " + sev + " - " + f.Title,
		"state_message":           cutRunes(stateMessage(f), maxStateMessage),
	}
	ev.Payload = &payload{
		Summary:       cutRunes(f.Title, maxSummary),
		Severity:      sev,
		Source:        source(cluster),
		Timestamp:     timestamp(f.StartsAt),
		Component:     component(f.Subject),
		Group:         group(f.Subject),
		Class:         f.AggregationKey,
		CustomDetails: details,
	}
	ev.Links = links(f)
	return ev
}

// source is the payload's source, which PagerDuty requires.
func source(cluster string) string {
	if cluster == "" {
		return "robusta-go"
	}
	return cluster
}

func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// component is Robusta's str(finding.subject): namespace/kind/name, the
// kind lower case.
func component(s api.Subject) string {
	parts := []string{strings.ToLower(s.Kind), s.Name}
	if s.Namespace != "" {
		parts = append([]string{s.Namespace}, parts...)
	}
	return strings.Join(parts, "/")
}

// group stands for Robusta's service key, namespace/Kind/name.
func group(s api.Subject) string {
	if s.Name == "" {
		return ""
	}
	return s.Namespace + "/" + s.Kind + "/" + s.Name
}

// links are the finding's links, then those of its links blocks.
func links(f *api.Finding) []link {
	var out []link
	add := func(l api.Link) {
		if l.URL != "" {
			out = append(out, link{Href: l.URL, Text: l.Name})
		}
	}
	for _, l := range f.Links {
		add(l)
	}
	for _, e := range f.Enrichments {
		for _, b := range e.Blocks {
			if lb, ok := b.(api.Links); ok {
				for _, l := range lb.Links {
					add(l)
				}
			}
		}
	}
	return out
}

// cutRunes shortens s to at most n runes, ending it with "…" when cut.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

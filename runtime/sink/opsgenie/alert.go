package opsgenie

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// Alert API limits (docs.opsgenie.com/docs/alert-api#create-alert).
const (
	maxMessage     = 130
	maxAlias       = 512
	maxDescription = 15000
	maxEntity      = 512
	maxTags        = 20
	maxTag         = 50
	maxDetails     = 8000 // characters of all keys and values
)

// source is the alert's source, as Robusta sets it.
const source = "Robusta"

// createAlert is the body of POST /v2/alerts.
type createAlert struct {
	Message     string            `json:"message"`
	Alias       string            `json:"alias"`
	Description string            `json:"description,omitempty"`
	Responders  []responder       `json:"responders,omitempty"`
	Tags        []string          `json:"tags,omitempty"`
	Details     map[string]string `json:"details,omitempty"`
	Entity      string            `json:"entity,omitempty"`
	Source      string            `json:"source"`
	Priority    string            `json:"priority"`
}

type responder struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// closeAlert is the body of POST /v2/alerts/{alias}/close, Robusta's.
type closeAlert struct {
	User   string `json:"user"`
	Source string `json:"source"`
	Note   string `json:"note"`
}

var closeBody = closeAlert{User: "Robusta", Source: "Robusta Opsgenie Sink", Note: "Robusta Finding Resolved"}

// priority is Robusta's map, with DEBUG below INFO rather than at P3.
func priority(s api.Severity) string {
	switch s {
	case api.SeverityHigh:
		return "P1"
	case api.SeverityLow:
		return "P4"
	case api.SeverityInfo, api.SeverityDebug:
		return "P5"
	}
	return "P3"
}

// resolved reports whether f ends an alert: Robusta looks at the title
// only; an EndsAt says the same without depending on a title template.
func resolved(f *api.Finding) bool {
	return f.EndsAt != nil || strings.HasPrefix(f.Title, "[RESOLVED]")
}

// alias is f's fingerprint, hashed when longer than Opsgenie takes.
func alias(f *api.Finding) string {
	k := f.Fingerprint
	if k == "" {
		k = f.ComputeFingerprint()
	}
	if len(k) > maxAlias {
		sum := sha256.Sum256([]byte(k))
		k = hex.EncodeToString(sum[:])
	}
	return k
}

// alert is f as the body that opens its alert.
func (s *Sink) alert(f *api.Finding) createAlert {
	vars := tmpl.SubjectVars(s.cluster, f.Subject.Labels, f.Subject.Annotations)
	a := createAlert{
		Message:     cut(strings.TrimSpace(f.Title), maxMessage),
		Alias:       alias(f),
		Description: description(f),
		Tags:        tags(s.cluster, s.tags, vars),
		Details:     s.details(f),
		Entity:      cut(entity(f.Subject), maxEntity),
		Source:      source,
		Priority:    priority(f.Severity),
	}
	if a.Message == "" {
		a.Message = "Finding" // Opsgenie requires one
	}
	for _, t := range resolve(s.teams, vars, s.defaultTeam) {
		a.Responders = append(a.Responders, responder{Name: t, Type: "team"})
	}
	return a
}

// resolve expands templated values (those with a $), giving fallback for
// one that names a missing value (nothing when fallback is ""), and drops
// empty values and repeats. As in Robusta, no team at all falls back to
// the default team.
func resolve(values []string, vars func(string) (string, bool), fallback string) []string {
	var out []string
	add := func(v string) {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, v := range values {
		if strings.Contains(v, "$") {
			v = tmpl.Expand(v, vars)
			if strings.Contains(v, tmpl.Missing) {
				v = fallback
			}
		}
		add(v)
	}
	if len(out) == 0 && len(values) > 0 {
		add(fallback)
	}
	return out
}

// tags are the cluster name then the configured tags, within Opsgenie's
// count and length limits.
func tags(cluster string, configured []string, vars func(string) (string, bool)) []string {
	all := resolve(append([]string{cluster}, configured...), vars, "")
	if len(all) > maxTags {
		all = all[:maxTags]
	}
	for i, t := range all {
		all[i] = cut(t, maxTag)
	}
	return all
}

// details are Robusta's keys, then with extra_details_labels the subject's
// labels (sorted, none that would replace a key above), as long as they
// fit in Opsgenie's 8,000 characters.
func (s *Sink) details(f *api.Finding) map[string]string {
	d := map[string]string{}
	size := 0
	put := func(k, v string) {
		if v == "" || size+len(k)+len(v) > maxDetails {
			return
		}
		d[k] = v
		size += len(k) + len(v)
	}
	put("Resource", f.Subject.Name)
	put("Cluster", s.cluster)
	put("Namespace", f.Subject.Namespace)
	put("Node", f.Subject.Node)
	put("Source", strings.ToUpper(string(f.Source)))
	if s.extraLabels {
		for _, k := range slices.Sorted(maps.Keys(f.Subject.Labels)) {
			switch strings.ToLower(k) {
			case "resource", "cluster", "namespace", "node", "source":
				continue
			}
			put(k, f.Subject.Labels[k])
		}
	}
	return d
}

// entity is Robusta's service key, namespace/Kind/name.
func entity(s api.Subject) string {
	if s.Name == "" {
		return ""
	}
	return s.Namespace + "/" + s.Kind + "/" + s.Name
}

// cut shortens s to at most n characters, ending it with "…" when cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

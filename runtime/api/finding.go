package api

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"time"
)

// Severity ranks findings; it orders like Robusta's FindingSeverity.
type Severity int

// The severities, lowest first.
const (
	SeverityDebug Severity = iota
	SeverityInfo
	SeverityLow
	SeverityHigh
)

var severityNames = [...]string{"DEBUG", "INFO", "LOW", "HIGH"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name, case-insensitively. MEDIUM is HIGH,
// as in Robusta.
func ParseSeverity(s string) (Severity, error) {
	switch up := strings.ToUpper(s); up {
	case "MEDIUM":
		return SeverityHigh, nil
	default:
		for i, n := range severityNames {
			if n == up {
				return Severity(i), nil
			}
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want DEBUG, INFO, LOW or HIGH)", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Source says where a finding came from.
type Source string

// Finding sources, named as in Robusta.
const (
	SourceNone          Source = "none"
	SourceKubernetesAPI Source = "kubernetes_api_server"
	SourcePrometheus    Source = "prometheus"
	SourceManual        Source = "manual"
	SourceScheduler     Source = "scheduler"
)

// FindingType classifies a finding, as in Robusta.
type FindingType string

// Finding types.
const (
	TypeIssue        FindingType = "issue"
	TypeConfigChange FindingType = "configuration_change"
	TypeHealthCheck  FindingType = "health_check"
	TypeReport       FindingType = "report"
)

// Subject is the object a finding is about.
type Subject struct {
	Kind        string            `json:"kind,omitempty"`
	Name        string            `json:"name,omitempty"`
	Namespace   string            `json:"namespace,omitempty"`
	Node        string            `json:"node,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

// KindOf returns obj's kind: from its TypeMeta, else from its Go type (typed
// objects read from the API server have an empty TypeMeta).
func KindOf(obj Object) string {
	if k := obj.GetObjectKind().GroupVersionKind().Kind; k != "" {
		return k
	}
	t := reflect.TypeOf(obj)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// SubjectOf describes obj; a nil obj gives an empty subject. Labels and
// annotations are copies, so a finding never shares a map with a cached
// object, and the last-applied annotation is left out: on a Secret it holds
// the data in clear (see Sanitize).
func SubjectOf(obj Object) Subject {
	if IsNil(obj) {
		return Subject{}
	}
	return Subject{
		Kind:        KindOf(obj),
		Name:        obj.GetName(),
		Namespace:   obj.GetNamespace(),
		Labels:      maps.Clone(obj.GetLabels()),
		Annotations: safeAnnotations(obj.GetAnnotations()),
	}
}

// Link is a named URL attached to a finding.
type Link struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Enrichment is a group of blocks added by one AddEnrichment call.
type Enrichment struct {
	Title  string  `json:"title,omitempty"`
	Blocks []Block `json:"blocks"`
}

// Finding is what playbooks produce and sinks deliver.
type Finding struct {
	Title          string       `json:"title"`
	Description    string       `json:"description,omitempty"`
	Severity       Severity     `json:"severity"`
	Source         Source       `json:"source"`
	Type           FindingType  `json:"finding_type,omitempty"`
	AggregationKey string       `json:"aggregation_key"`
	Fingerprint    string       `json:"fingerprint"`
	Subject        Subject      `json:"subject"`
	Enrichments    []Enrichment `json:"enrichments"`
	Links          []Link       `json:"links,omitempty"`
	StartsAt       time.Time    `json:"starts_at"`
	EndsAt         *time.Time   `json:"ends_at,omitempty"`
	// Playbook and Actions name what produced the finding; the engine fills
	// them in when the finding is added.
	Playbook string   `json:"playbook,omitempty"`
	Actions  []string `json:"actions,omitempty"`

	sinks []string
}

// AddEnrichment appends one enrichment holding blocks.
func (f *Finding) AddEnrichment(blocks ...Block) {
	f.Enrichments = append(f.Enrichments, Enrichment{Blocks: blocks})
}

// Sinks names the sinks the finding is routed to; nil means the defaults.
func (f *Finding) Sinks() []string { return f.sinks }

// ComputeFingerprint hashes what identifies a finding across repeats, as
// Robusta does: the subject, the source and the aggregation key.
func (f *Finding) ComputeFingerprint() string {
	h := sha256.New()
	for _, s := range []string{f.Subject.Kind, f.Subject.Name, f.Subject.Namespace, f.Subject.Node, string(f.Source), f.AggregationKey} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Clone returns a copy that a sink can change without touching the others'.
// Blocks are values and are shared: sinks render them, never change them.
// The engine hands each sink a Clone, so the copy's subject leaves out the
// last-applied annotation even when an action filled Subject from an
// object's own map rather than with SubjectOf.
func (f *Finding) Clone() *Finding {
	c := *f
	c.Subject.Labels = maps.Clone(f.Subject.Labels)
	c.Subject.Annotations = safeAnnotations(f.Subject.Annotations)
	c.Enrichments = make([]Enrichment, len(f.Enrichments))
	for i, e := range f.Enrichments {
		c.Enrichments[i] = Enrichment{Title: e.Title, Blocks: append([]Block(nil), e.Blocks...)}
	}
	c.Links = append([]Link(nil), f.Links...)
	c.Actions = append([]string(nil), f.Actions...)
	if f.EndsAt != nil {
		t := *f.EndsAt
		c.EndsAt = &t
	}
	return &c
}

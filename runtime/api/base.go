package api

import (
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// eventBase gives every concrete event its Execution and the methods that
// only need it. It is unexported so that authors see the event's own fields.
type eventBase struct{ x Execution }

// AddFinding makes f the current finding; later enrichments go to it.
func (b *eventBase) AddFinding(f *Finding) { b.x.AddFinding(f) }

// StopProcessing skips every later action and playbook for this event.
func (b *eventBase) StopProcessing() { b.x.StopProcessing() }

// Execution returns the event's runtime state.
func (b *eventBase) Execution() *Execution { return &b.x }

// changeFinding is the default finding of a change event, titled as
// Robusta titles it, "Update to pod web-1": users' sink scopes match on
// titles, so the words are Robusta's (lower-case kind, no namespace; the
// subject carries the namespace).
func changeFinding(kind string, op Operation, obj Object) *Finding {
	s := SubjectOf(obj)
	if s.Kind == "" {
		s.Kind = kind
	}
	if p, ok := obj.(*corev1.Pod); ok && p != nil {
		s.Node = p.Spec.NodeName
	}
	f := &Finding{
		Title:          fmt.Sprintf("%s to %s %s", capitalize(string(op)), strings.ToLower(s.Kind), s.Name),
		Severity:       SeverityInfo,
		Source:         SourceKubernetesAPI,
		Type:           TypeIssue,
		AggregationKey: "GenericChange",
		Subject:        s,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	return f
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

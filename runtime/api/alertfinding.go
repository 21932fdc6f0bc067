package api

import (
	"maps"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// alertSeverities maps the alert's severity label, as Robusta's SEVERITY_MAP.
var alertSeverities = map[string]Severity{
	"critical": SeverityHigh, "high": SeverityHigh, "medium": SeverityHigh, "error": SeverityHigh,
	"warning": SeverityLow, "low": SeverityLow,
	"info": SeverityInfo, "debug": SeverityDebug,
}

// AlertSeverity maps a Prometheus severity label to a finding severity,
// case-insensitively; unknown labels are INFO.
func AlertSeverity(label string) Severity { return AlertSeverityWith(nil, label) }

// AlertSeverityWith is AlertSeverity with custom (globalConfig's
// custom_severity_map, lowercase keys) consulted first, as Robusta's
// update_severity_map extends SEVERITY_MAP. A missing label is "info".
func AlertSeverityWith(custom map[string]Severity, label string) Severity {
	label = strings.ToLower(label)
	if label == "" {
		label = "info"
	}
	if s, ok := custom[label]; ok {
		return s
	}
	if s, ok := alertSeverities[label]; ok {
		return s
	}
	return SeverityInfo
}

// alertLabelsSuffix is the "LABELS = map[...]" kube-prometheus' rules end
// their descriptions with; Robusta strips it because the labels are shown
// in a table. Python's $ also matches before a final newline, hence \n?.
var alertLabelsSuffix = regexp.MustCompile(`LABELS = map\[.*\]\n?$`)

// AlertDescription is the alert's description annotation without the
// trailing "LABELS = map[...]", as Robusta's get_description; the
// whitespace left before it is trimmed too (Robusta keeps it).
func AlertDescription(a *Alert) string {
	d := a.Annotations["description"]
	if loc := alertLabelsSuffix.FindStringIndex(d); loc != nil {
		d = strings.TrimRight(d[:loc[0]], " \t\n")
	}
	return d
}

// AlertTitle is the finding title of a: "[RESOLVED] " when resolved, then
// the summary annotation, else the alert name, as Robusta's.
func AlertTitle(a *Alert) string {
	title := a.Annotations["summary"]
	if title == "" {
		title = a.Labels["alertname"]
		if title == "" {
			title = a.Name
		}
	}
	if strings.EqualFold(a.Status, "resolved") {
		return "[RESOLVED] " + title
	}
	return title
}

// GetResource returns the alert's subject object, in Robusta's precedence
// (get_resource follows get_alert_subject): the deployment, else the
// daemonset, statefulset, node, pod, job, then the HPA. An alert naming a
// pod and its node is about the node, as in Robusta: actions that want the
// pod call GetPod.
func (e *PrometheusAlertEvent) GetResource() Object {
	for _, o := range e.subjectOrder() {
		if o != nil {
			return o
		}
	}
	return nil
}

func (e *PrometheusAlertEvent) subjectOrder() []Object {
	return []Object{
		asObject(e.Deployment), asObject(e.DaemonSet), asObject(e.StatefulSet),
		asObject(e.Node), asObject(e.Pod), asObject(e.Job), asObject(e.HorizontalPodAutoscaler),
	}
}

// AlertSubject is the subject of the alert's finding, as Robusta's
// get_alert_subject: GetResource's object (Kind "" and name "Unresolved"
// in the namespace label when none resolved), the node only for a node or
// pod subject, and the alert's labels and annotations merged over the
// object's, the alert's winning.
func (e *PrometheusAlertEvent) AlertSubject() Subject {
	a := &e.Alert
	obj := e.GetResource()
	s := SubjectOf(obj)
	if obj == nil {
		s = Subject{Name: "Unresolved", Namespace: a.Labels["namespace"]}
	}
	switch o := obj.(type) {
	case *corev1.Node:
		s.Node = o.Name
	case *corev1.Pod:
		s.Node = o.Spec.NodeName
	}
	s.Labels = merged(s.Labels, a.Labels)
	s.Annotations = merged(s.Annotations, safeAnnotations(a.Annotations))
	return s
}

// merged is over's entries set on a copy of base; nil when both are empty.
func merged(base, over map[string]string) map[string]string {
	if len(base)+len(over) == 0 {
		return nil
	}
	out := maps.Clone(base)
	if out == nil {
		out = make(map[string]string, len(over))
	}
	maps.Copy(out, over)
	return out
}

// DefaultFinding implements ExecutionEvent: Robusta's alert finding
// (create_default_finding) with AlertTitle, AlertDescription,
// AlertSubject and the severity label through SeverityMap, keyed by the
// alert name, with the alert's fingerprint.
func (e *PrometheusAlertEvent) DefaultFinding() *Finding {
	a := e.Alert
	f := &Finding{
		Title:          AlertTitle(&a),
		Description:    AlertDescription(&a),
		Severity:       AlertSeverityWith(e.SeverityMap, a.Labels["severity"]),
		Source:         SourcePrometheus,
		Type:           TypeIssue,
		AggregationKey: a.Name,
		Fingerprint:    a.Fingerprint,
		Subject:        e.AlertSubject(),
		StartsAt:       a.StartsAt,
	}
	if !a.EndsAt.IsZero() && a.Status == "resolved" {
		end := a.EndsAt
		f.EndsAt = &end
	}
	if f.Fingerprint == "" {
		f.Fingerprint = f.ComputeFingerprint()
	}
	return f
}

package playbooks

import (
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// podFinding starts a HIGH issue about pod from the Kubernetes API server,
// the shape every pod report of Robusta's default playbooks has
// (PodFindingSubject: the pod, its node, labels and annotations).
func podFinding(pod *api.Pod, title, aggregationKey string) *api.Finding {
	s := api.SubjectOf(pod.Pod)
	s.Node = pod.Spec.NodeName
	f := &api.Finding{
		Title:          title,
		Severity:       api.SeverityHigh,
		Source:         api.SourceKubernetesAPI,
		Type:           api.TypeIssue,
		AggregationKey: aggregationKey,
		Subject:        s,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	return f
}

// addTo appends a titled enrichment to f; a finding being built is not yet
// the event's, so it takes its enrichments directly.
func addTo(f *api.Finding, title string, blocks ...api.Block) {
	f.Enrichments = append(f.Enrichments, api.Enrichment{Title: title, Blocks: blocks})
}

// k8sTime formats an API timestamp as the API server writes it (Robusta
// shows the string it read); the zero time is "".
func k8sTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

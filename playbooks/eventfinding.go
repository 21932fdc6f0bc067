package playbooks

import (
	"context"
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// EventFindingParams configures CreateEventFinding.
type EventFindingParams struct {
	// AggregationKey groups the findings, such as "PodEviction".
	AggregationKey string `json:"aggregation_key" jsonschema:"minLength=1"`
}

// CreateEventFinding starts a finding from a Kubernetes Event: titled
// "<reason> <type> for <Kind> <namespace>/<name>", its message as the
// description, about the object the Event names.
//
//robusta:action
func CreateEventFinding(ctx context.Context, event api.EventEvent, params EventFindingParams) error {
	e := event.GetEvent()
	if e == nil {
		return errNoEvent
	}
	event.AddFinding(eventFinding(e, params.AggregationKey, e.Message))
	return nil
}

// EventReport starts a finding from a Kubernetes Event, as
// create_event_finding does, with the key "Kubernetes<type>Event".
//
//robusta:action
func EventReport(ctx context.Context, event api.EventEvent) error {
	e := event.GetEvent()
	if e == nil {
		return errNoEvent
	}
	event.AddFinding(eventFinding(e, "Kubernetes"+e.Type+"Event", e.Message))
	return nil
}

var errNoEvent = errors.New("event has no Kubernetes Event")

// eventFinding is Robusta's build_event_finding: INFO for a Normal event,
// DEBUG for any other type (Warning included: these reports are a feed,
// the derived triggers' findings are the alerts). The subject is the object
// the Event names, from the reference alone, so no API call is made; its
// node is the object itself when it is a Node.
//
// Robusta writes "<Kind> None/<name>" for a cluster-scoped object; here the
// namespace and its slash are left out.
func eventFinding(e *corev1.Event, key, description string) *api.Finding {
	o := e.InvolvedObject
	s := api.Subject{Kind: o.Kind, Name: o.Name, Namespace: o.Namespace}
	if o.Kind == "Node" {
		s.Node = o.Name
	}
	name := o.Name
	if o.Namespace != "" {
		name = o.Namespace + "/" + o.Name
	}
	severity := api.SeverityDebug
	if e.Type == corev1.EventTypeNormal {
		severity = api.SeverityInfo
	}
	f := &api.Finding{
		Title:          fmt.Sprintf("%s %s for %s %s", e.Reason, e.Type, o.Kind, name),
		Description:    description,
		Severity:       severity,
		Source:         api.SourceKubernetesAPI,
		Type:           api.TypeIssue,
		AggregationKey: key,
		Subject:        s,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	return f
}

// referenceLookup gives the template variables of an Event's object as
// Robusta gives them for an ObjectReference: name, kind as written,
// namespace (<missing> when empty); node and labels are unknown.
func referenceLookup(o corev1.ObjectReference) func(string) (string, bool) {
	plain := map[string]string{"name": o.Name, "kind": o.Kind}
	if o.Namespace != "" {
		plain["namespace"] = o.Namespace
	}
	return tmpl.Lookup(plain, nil)
}

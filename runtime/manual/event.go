package manual

import (
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// The event types a manual trigger can build, as registry.Action.Event
// names them; api.<Kind>Event is the third.
const (
	executionEvent = "api.ExecutionEvent"
	resourceEvent  = "api.KubernetesResourceEvent"
)

// buildable reports why a's event cannot be built from an object of kind k
// (nil k: no object), or "" when it can.
func buildable(a *registry.Action, k *kinds.Kind) string {
	const can = "a manual trigger runs actions taking api.ExecutionEvent, api.KubernetesResourceEvent or api.<Kind>Event"
	switch {
	case a.Event == executionEvent:
		return ""
	case k == nil && (a.Event == resourceEvent || isKindEvent(a.Event)):
		return fmt.Sprintf("action %s takes %s: give the kind, name and namespace of the object to run it on", a.Name, a.Event)
	case a.Event == resourceEvent:
		return ""
	case k != nil && a.Event == "api."+k.Name+"Event":
		return ""
	case isKindEvent(a.Event):
		return fmt.Sprintf("action %s takes %s and cannot run on a %s", a.Name, a.Event, k.Name)
	}
	return fmt.Sprintf("action %s takes %s, which cannot be built from a resource; %s", a.Name, a.Event, can)
}

// isKindEvent reports whether event is api.<Kind>Event for a known kind.
func isKindEvent(event string) bool {
	for _, k := range kinds.All {
		if event == "api."+k.Name+"Event" {
			return true
		}
	}
	return false
}

// newEvent builds the event the action runs on: the kind's change event
// with obj and no operation, or a bare event without an object.
func newEvent(k *kinds.Kind, obj api.Object) api.ExecutionEvent {
	if k == nil {
		return &bareEvent{}
	}
	spec, ok := trigger.Lookup("on_" + k.Trigger + "_update")
	if !ok { // every kind has its triggers; see the trigger package's tests
		panic("manual: no trigger for kind " + k.Name)
	}
	return trigger.NewChangeEvent(spec, "", obj, nil)
}

// defaultFinding is the finding enrichments go to until the action starts
// its own: a manual report about the object, if any.
func defaultFinding(action string, obj api.Object) *api.Finding {
	s := api.SubjectOf(obj)
	title := "Manual run of " + action
	if obj != nil {
		name := s.Name
		if s.Namespace != "" {
			name = s.Namespace + "/" + name
		}
		title += " on " + s.Kind + " " + name
	}
	if p, ok := obj.(*corev1.Pod); ok && p != nil {
		s.Node = p.Spec.NodeName // as a pod change's finding does
	}
	f := &api.Finding{
		Title:          title,
		Severity:       api.SeverityInfo,
		Source:         api.SourceManual,
		Type:           api.TypeReport,
		AggregationKey: "ManualAction" + camel(action),
		Subject:        s,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	return f
}

// camel turns snake_case into CamelCase.
func camel(s string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(s, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// bareEvent is the event of an action run on no object: Robusta's
// ExecutionBaseEvent.
type bareEvent struct{ x api.Execution }

var _ api.ExecutionEvent = (*bareEvent)(nil)

func (e *bareEvent) AddEnrichment(blocks ...api.Block) { e.x.AddEnrichment(e, blocks) }
func (e *bareEvent) AddFinding(f *api.Finding)         { e.x.AddFinding(f) }
func (e *bareEvent) StopProcessing()                   { e.x.StopProcessing() }
func (e *bareEvent) Execution() *api.Execution         { return &e.x }

// DefaultFinding is only reached when the engine gives no default finding.
func (e *bareEvent) DefaultFinding() *api.Finding { return defaultFinding("action", nil) }

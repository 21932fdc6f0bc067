package api

import (
	"errors"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Operation is what happened to a Kubernetes object.
type Operation string

// The operations of a change event.
const (
	OperationCreate Operation = "create"
	OperationUpdate Operation = "update"
	OperationDelete Operation = "delete"
)

// Object is any Kubernetes object: typed k8s.io/api structs and
// *unstructured.Unstructured both satisfy it.
type Object interface {
	metav1.Object
	runtime.Object
}

// Errors an action can return when the event lacks what it needs. The runner
// logs and counts them like any other error.
var (
	ErrNoPod        = errors.New("event has no pod")
	ErrNoNode       = errors.New("event has no node")
	ErrNoDeployment = errors.New("event has no deployment")
	ErrNoJob        = errors.New("event has no job")
	ErrNoResource   = errors.New("event has no resource")
	ErrNoCluster    = errors.New("no cluster connection")
)

// ExecutionEvent is implemented by every event: it is what an action that
// needs nothing but a place to put findings takes (Robusta's
// ExecutionBaseEvent).
type ExecutionEvent interface {
	// AddEnrichment adds blocks to the current finding, creating the
	// event's default finding first when there is none.
	AddEnrichment(blocks ...Block)
	// AddFinding makes f the current finding; later enrichments go to it.
	AddFinding(f *Finding)
	// StopProcessing skips every later action and playbook for this event.
	StopProcessing()
	// DefaultFinding builds the finding AddEnrichment starts from.
	DefaultFinding() *Finding
	// Execution is the event's runtime state, shared by the engine and the
	// methods above.
	Execution() *Execution
}

// KubernetesResourceEvent is implemented by every event that refers to one
// Kubernetes object.
type KubernetesResourceEvent interface {
	ExecutionEvent
	// GetResource returns the object, or nil when the event names none.
	GetResource() Object
}

// KubernetesAnyChangeEvent is implemented by every change event, whatever
// the kind.
type KubernetesAnyChangeEvent interface {
	KubernetesResourceEvent
	GetObj() Object
	// GetOldObj is nil on create.
	GetOldObj() Object
	GetOperation() Operation
}

// asObject turns a typed pointer into an Object, keeping nil a plain nil
// interface so that callers can compare the result with nil.
func asObject[T any, P interface {
	*T
	Object
}](p P) Object {
	if p == nil {
		return nil
	}
	return p
}

package trigger

import (
	"slices"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Input is one Kubernetes change as Match reads it.
type Input struct {
	// Kind is the object's kind ("Pod"); on_kubernetes_resource_operation
	// filters on it.
	Kind      string
	Operation api.Operation
	// Obj is the object after the change, Old the one before an update.
	Obj, Old api.Object
	// Now is the engine's clock (engine.WithClock), for fire_delay.
	Now func() time.Time
}

// Limit is the rate limit a matching trigger asks for, keyed as Robusta
// keys it: the limiter's operation is Class + "_" + the playbook's id +
// Suffix, its id Key. A zero Period means no limit.
type Limit struct {
	// Class is Robusta's trigger class name, e.g. "PodCrashLoopTrigger".
	Class string
	// Suffix follows the playbook id: "_<reason>" for warning events.
	Suffix string
	// Key is "<namespace>:<owner name, else the pod's name>" for pods.
	Key    string
	Period time.Duration
}

// predicate is a derived trigger's own test, run after the object filters
// have passed: whether in fires, and the limit to check if it does. It must
// not allocate when it does not fire.
type predicate func(in Input) (Limit, bool)

// deriveFunc reads a derived trigger's params (JSON) and returns its
// predicate, its object filters, the change_filters it applies, and any
// problems as *PathError.
type deriveFunc func(params []byte) (derived, error)

// derived is what a deriveFunc returns.
type derived struct {
	filters ObjectFilters
	change  *ChangeFilters
	pred    predicate
	// resources restricts an any-resource trigger to these kinds, as the
	// values name them ("deployment"); Compile resolves them into
	// Trigger.kinds. nil means every kind.
	resources []string
	errs      []error
}

// Match reports whether t fires on in: the operation, the object filters,
// the derived predicate and change_filters, in that order. On true, Limit
// is the rate limit the caller (the engine, which holds the limiter and
// knows the playbook) must still pass. It allocates nothing when it returns
// false before change_filters or an attributes scope are reached.
func (t *Trigger) Match(in Input) (Limit, bool) {
	if !t.Spec.FiresOn(in.Operation) || len(t.kinds) > 0 && !slices.Contains(t.kinds, in.Kind) || !t.MatchObject(in.Obj) {
		return Limit{}, false
	}
	var l Limit
	if t.pred != nil {
		var ok bool
		if l, ok = t.pred(in); !ok {
			return Limit{}, false
		}
	}
	if t.change != nil && in.Operation == api.OperationUpdate && !t.change.changed(in.Obj, in.Old) {
		return Limit{}, false
	}
	return l, true
}

// Kinds returns the kinds an any-resource trigger is restricted to (its
// resources param): runtime/kinds names ("Deployment") and custom
// resources' keys (kinds.Custom.Key); nil when it takes every kind.
func (t *Trigger) Kinds() []string { return t.kinds }

// ownerKey is Robusta's rate-limit id of a pod: "<namespace>:<name of its
// first owner, else its own name>". It allocates; call it only on a fire.
func ownerKey(obj api.Object) string {
	name := obj.GetName()
	if refs := obj.GetOwnerReferences(); len(refs) > 0 {
		name = refs[0].Name
	}
	return obj.GetNamespace() + ":" + name
}

func seconds(n int) time.Duration { return time.Duration(n) * time.Second }

package trigger

import (
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// on_kubernetes_warning_event and its _create, _update and _delete forms
// (Robusta's WarningEventTrigger) fire on core/v1 Events of type Warning
// that name an object (involvedObject, Robusta's regarding), matched on
// reason followed by message (Robusta's note).
//
// The rate-limit key is Robusta's "WarningEventTrigger_<playbook>_<reason>"
// with the object's "<namespace>:<name>". Robusta first tries a "service
// key", the workload whose name is the longest prefix of the object's
// name in a resource cache it refreshes in the background (its code marks
// the guess for removal); robusta-go has no such cache and keys by the
// object, Robusta's own fallback, so the pods of one Deployment are
// limited each on its own.
var deriveWarningEvent deriveFunc = func(params []byte) (derived, error) {
	p := WarningEventParams{WarningEventOpParams: WarningEventOpParams{RateLimit: 3600}}
	if err := decodeDerived(params, &p); err != nil {
		return derived{}, err
	}
	var ops []api.Operation
	for _, o := range p.Operations {
		ops = append(ops, api.Operation(o))
	}
	include, exclude := lowerAll(p.Include), lowerAll(p.Exclude)
	period := seconds(p.RateLimit)
	pred := func(in Input) (Limit, bool) {
		ev, ok := in.Obj.(*corev1.Event)
		if !ok || ev.Type != corev1.EventTypeWarning || ev.InvolvedObject.Name == "" && ev.InvolvedObject.Kind == "" {
			return Limit{}, false
		}
		if len(ops) > 0 && !slices.Contains(ops, in.Operation) {
			return Limit{}, false
		}
		for _, x := range exclude {
			if containsFold(ev.Reason, ev.Message, x) {
				return Limit{}, false
			}
		}
		if len(include) > 0 && !slices.ContainsFunc(include, func(s string) bool { return containsFold(ev.Reason, ev.Message, s) }) {
			return Limit{}, false
		}
		o := &ev.InvolvedObject
		return Limit{Class: "WarningEventTrigger", Suffix: "_" + ev.Reason, Key: o.Namespace + ":" + o.Name, Period: period}, true
	}
	return derived{filters: p.ObjectFilters, pred: pred}, nil
}

func lowerAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToLower(v)
	}
	return out
}

// containsFold reports whether lower (lower case) occurs in a+b ignoring
// case, without building a+b: Robusta tests substrings of
// (reason + note).lower().
func containsFold(a, b, lower string) bool {
	if lower == "" {
		return true
	}
	n := len(a) + len(b)
	for i := 0; i+len(lower) <= n; i++ {
		if equalFoldAt(a, b, i, lower) {
			return true
		}
	}
	return false
}

// equalFoldAt compares lower with a+b from byte i, ASCII case folded (the
// reasons and messages of Kubernetes events are ASCII in practice; other
// bytes compare exactly).
func equalFoldAt(a, b string, i int, lower string) bool {
	for j := 0; j < len(lower); j++ {
		k := i + j
		var c byte
		if k < len(a) {
			c = a[k]
		} else {
			c = b[k-len(a)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}

package trigger

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// on_pod_oom_killed and on_container_oom_killed (Robusta's
// OOMKilledTriggerBase): a container whose current state is terminated
// with OOMKilled. Robusta's class name is part of the rate-limit key, so
// the two triggers keep separate limits.

var derivePodOOMKilled = deriveOOM("PodOOMKilledTrigger", false)

var deriveContainerOOMKilled = deriveOOM("ContainerOOMKilledTrigger", true)

func deriveOOM(class string, perContainer bool) deriveFunc {
	return deriveWith(
		func() OOMKilledParams { return OOMKilledParams{RateLimit: 3600} },
		func(p *OOMKilledParams) ObjectFilters { return p.ObjectFilters },
		func(p *OOMKilledParams) (predicate, []error) {
			exclude, period := p.Exclude, seconds(p.RateLimit)
			var errs []error
			for i, e := range exclude {
				if e.Name == "" && e.Namespace == "" {
					// Robusta accepts it and excludes nothing: say so.
					errs = append(errs, &PathError{Path: []string{"exclude", itoa(i)}, Err: errEmptyExclude})
				}
			}
			return func(in Input) (Limit, bool) {
				pod, ok := in.Obj.(*corev1.Pod)
				if !ok || !perContainer && excluded(exclude, pod.Name, pod.Namespace) {
					return Limit{}, false
				}
				if !anyStatus(pod, func(s *corev1.ContainerStatus) bool {
					t := s.State.Terminated
					return t != nil && t.Reason == "OOMKilled" && !(perContainer && excluded(exclude, s.Name, pod.Namespace))
				}) {
					return Limit{}, false
				}
				return Limit{Class: class, Key: ownerKey(pod), Period: period}, true
			}, errs
		})
}

// excluded is Robusta's is_name_namespace_excluded: an entry with both
// keys needs both to match (name by prefix, namespace exactly), an entry
// with one needs that one.
func excluded(exclude []OOMExclude, name, namespace string) bool {
	for _, e := range exclude {
		nameOK := e.Name != "" && strings.HasPrefix(name, e.Name)
		nsOK := e.Namespace != "" && namespace == e.Namespace
		switch {
		case e.Name != "" && e.Namespace != "":
			if nameOK && nsOK {
				return true
			}
		case nameOK || nsOK:
			return true
		}
	}
	return false
}

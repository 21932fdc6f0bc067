package trigger

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// The pod triggers of Robusta (pod_crash_loop_trigger.py,
// pod_image_pull_backoff.py, oom_killed_trigger_base.py,
// pod_evicted_trigger.py). Each looks at containerStatuses, then
// initContainerStatuses, as Robusta concatenates them.

var deriveCrashLoop = deriveWith(
	func() CrashLoopParams { return CrashLoopParams{RestartCount: 2, RateLimit: 14400} },
	func(p *CrashLoopParams) ObjectFilters { return p.ObjectFilters },
	func(p *CrashLoopParams) (predicate, []error) {
		count, reason, period := int32(min(p.RestartCount, 1<<31-1)), p.RestartReason, seconds(p.RateLimit)
		return func(in Input) (Limit, bool) {
			pod, ok := in.Obj.(*corev1.Pod)
			if !ok || !anyStatus(pod, func(s *corev1.ContainerStatus) bool {
				w := s.State.Waiting
				return w != nil && s.RestartCount >= count && strings.Contains(w.Reason, reason)
			}) {
				return Limit{}, false
			}
			return Limit{Class: "PodCrashLoopTrigger", Key: ownerKey(pod), Period: period}, true
		}, nil
	})

var deriveImagePullBackoff = deriveWith(
	func() ImagePullBackoffParams { return ImagePullBackoffParams{RateLimit: 14400, FireDelay: 120} },
	func(p *ImagePullBackoffParams) ObjectFilters { return p.ObjectFilters },
	func(p *ImagePullBackoffParams) (predicate, []error) {
		delay, period := seconds(p.FireDelay), seconds(p.RateLimit)
		return func(in Input) (Limit, bool) {
			pod, ok := in.Obj.(*corev1.Pod)
			if !ok {
				return Limit{}, false
			}
			// Robusta counts a pod without startTime (just created) as
			// started now: it waits fire_delay like any other.
			if delay > 0 && (pod.Status.StartTime == nil || in.Now().Sub(pod.Status.StartTime.Time) < delay) {
				return Limit{}, false
			}
			if !anyStatus(pod, func(s *corev1.ContainerStatus) bool {
				return s.State.Waiting != nil && s.State.Waiting.Reason == "ImagePullBackOff"
			}) {
				return Limit{}, false
			}
			return Limit{Class: "PodImagePullBackoffTrigger", Key: ownerKey(pod), Period: period}, true
		}, nil
	})

var derivePodEvicted = deriveWith(
	func() PodEvictedParams { return PodEvictedParams{RateLimit: 14400} },
	func(p *PodEvictedParams) ObjectFilters { return p.ObjectFilters },
	func(p *PodEvictedParams) (predicate, []error) {
		period := seconds(p.RateLimit)
		return func(in Input) (Limit, bool) {
			pod, ok := in.Obj.(*corev1.Pod)
			if !ok || pod.Status.Reason != "Evicted" {
				return Limit{}, false
			}
			// Keyed by the pod itself, not its owner, as in Robusta.
			return Limit{Class: "PodEvictedTrigger", Key: pod.Namespace + ":" + pod.Name, Period: period}, true
		}, nil
	})

// anyStatus reports whether f holds for a container or init container
// status of pod.
func anyStatus(pod *corev1.Pod, f func(*corev1.ContainerStatus) bool) bool {
	for _, list := range [...][]corev1.ContainerStatus{pod.Status.ContainerStatuses, pod.Status.InitContainerStatuses} {
		for i := range list {
			if f(&list[i]) {
				return true
			}
		}
	}
	return false
}

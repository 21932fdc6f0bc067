package group

import (
	"cmp"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
)

// workload is the top owner of s, as far as s itself tells: controllers
// are their own workload, and a pod's comes from the labels its
// controller put on it. Robusta asks its cache of workloads for the one
// whose name prefixes the pod's; reading the labels needs no cache and
// cannot pick "web" for a pod of "web-api". A ReplicaSet's pods name the
// ReplicaSet; Deployments own most, so its hash is cut off as well.
func workload(s api.Subject) string {
	switch s.Kind {
	case "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob":
		return s.Name
	case "ReplicaSet":
		return cutHash(s.Name, s.Labels["pod-template-hash"])
	case "Pod":
	default:
		return ""
	}
	l := s.Labels
	if job := cmp.Or(l["batch.kubernetes.io/job-name"], l["job-name"]); job != "" {
		return job
	}
	if h := l["pod-template-hash"]; h != "" {
		if rs, ok := cutLast(s.Name); ok {
			return cutHash(rs, h)
		}
	}
	if l["controller-revision-hash"] != "" {
		// StatefulSet pods are <set>-<ordinal>; DaemonSet pods <set>-<random>.
		if name, ok := cutLast(s.Name); ok {
			return name
		}
	}
	return ""
}

// cutHash removes "-hash" from the end of name, when it is there.
func cutHash(name, hash string) string {
	if hash != "" {
		if base, ok := strings.CutSuffix(name, "-"+hash); ok && base != "" {
			return base
		}
	}
	return name
}

// cutLast removes the last "-part" of name.
func cutLast(name string) (string, bool) {
	i := strings.LastIndexByte(name, '-')
	if i <= 0 {
		return "", false
	}
	return name[:i], true
}

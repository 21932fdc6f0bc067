package tmpl

import "testing"

func TestSubjectVars(t *testing.T) {
	labels := map[string]string{"team": "pay", "app.kubernetes.io/name": "web", "app-kubernetes-io/name": "other"}
	annotations := map[string]string{"owner": "ops"}
	vars := SubjectVars("prod", labels, annotations)
	for s, want := range map[string]string{
		"$cluster_name-$labels.team":       "prod-pay",
		"${annotations.owner}":             "ops",
		"${labels.app.kubernetes.io/name}": "web",
		"$labels.app_kubernetes_io_name":   "other", // normalised; the smaller of two matching keys, every time
		"$labels.missing":                  Missing,
		"$annotations.team":                Missing,
		"$other":                           Missing,
	} {
		if got := Expand(s, vars); got != want {
			t.Errorf("%s: %q, want %q", s, got, want)
		}
	}
	if got := Expand("$cluster_name", SubjectVars("", nil, nil)); got != Missing {
		t.Errorf("an empty cluster name gave %q, want it missing", got)
	}
}

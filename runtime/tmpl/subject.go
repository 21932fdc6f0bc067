package tmpl

import "strings"

// SubjectVars is the lookup of Robusta's routing templates (a Slack
// channel_override, Opsgenie teams and tags): cluster_name, labels.<key>
// and annotations.<key> of a finding's subject.
func SubjectVars(cluster string, labels, annotations map[string]string) func(key string) (string, bool) {
	return func(key string) (string, bool) {
		if key == "cluster_name" {
			return cluster, cluster != ""
		}
		prefix, name, _ := strings.Cut(key, ".")
		switch prefix {
		case "labels":
			return LookupKey(labels, name)
		case "annotations":
			return LookupKey(annotations, name)
		}
		return "", false
	}
}

// LookupKey finds key in m, exactly or, as Robusta does, with /, . and -
// all read as _ ($labels.app_kubernetes_io_name finds
// app.kubernetes.io/name).
func LookupKey(m map[string]string, key string) (string, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	want, found, val, ok := normalizeKey(key), "", "", false
	for k, v := range m {
		if normalizeKey(k) == want && (!ok || k < found) { // the same key every time
			found, val, ok = k, v, true
		}
	}
	return val, ok
}

var normalizeKey = strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace

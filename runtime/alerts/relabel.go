package alerts

import "maps"

// Relabel is one entry of the values' top-level alertRelabel: an alert's
// label Source is copied to Target; Replace also removes Source.
type Relabel struct {
	Source, Target string
	Replace        bool
}

// relabel applies rules in order to labels, as Robusta's _relabel_alert:
// a rule whose source label is absent or empty does nothing, and a later
// rule sees what the earlier ones did. labels is not changed: the result
// is a copy when a rule applies. Where Robusta's replace with source ==
// target deletes the label it just set, here it keeps it.
func relabel(rules []Relabel, labels map[string]string) map[string]string {
	out, copied := labels, false
	for _, r := range rules {
		v := out[r.Source]
		if v == "" {
			continue
		}
		if !copied {
			out, copied = maps.Clone(labels), true
		}
		out[r.Target] = v
		if r.Replace && r.Target != r.Source {
			delete(out, r.Source)
		}
	}
	return out
}

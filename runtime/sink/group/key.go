package group

import (
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

// undefined shows a missing value, as Robusta's display_value.
const undefined = "(undefined)"

// values returns f's values of attrs, and the descriptions of the group
// they make ("namespace: prod", "labels: app=web, tier=(undefined)").
func (g *grouper) values(f *api.Finding, attrs []sink.GroupAttr) (vals, desc []string) {
	for _, a := range attrs {
		if a.Keys == nil {
			v := show(g.attr(f, a.Name))
			vals = append(vals, v)
			desc = append(desc, a.Header()[0]+": "+v)
			continue
		}
		m := f.Subject.Labels
		if a.Name == "annotations" {
			m = f.Subject.Annotations
		}
		pairs := make([]string, len(a.Keys))
		for i, k := range a.Keys {
			v := show(m[k])
			vals = append(vals, v)
			pairs[i] = k + "=" + v
		}
		desc = append(desc, a.Name+": "+strings.Join(pairs, ", "))
	}
	return vals, desc
}

// attr reads one named attribute of f.
func (g *grouper) attr(f *api.Finding, name string) string {
	switch name {
	case "cluster":
		return g.cluster
	case "workload":
		return workload(f.Subject)
	}
	return g.read(f, name)
}

func show(v string) string {
	if v == "" {
		return undefined
	}
	return v
}

// joinKey makes one map key of values; NUL cannot be in a label value.
func joinKey(vals []string) string { return strings.Join(vals, "\x00") }

// resolved reports whether f says its issue ended.
func resolved(f *api.Finding) bool {
	return strings.HasPrefix(f.Title, "[RESOLVED]") || f.EndsAt != nil
}

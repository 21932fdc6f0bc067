package pagerduty

import (
	"fmt"
	"maps"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
)

// changeEvent is a change event (POST /v2/change/enqueue).
type changeEvent struct {
	RoutingKey string        `json:"routing_key"`
	Payload    changePayload `json:"payload"`
	Links      []link        `json:"links,omitempty"`
}

type changePayload struct {
	Summary       string         `json:"summary"`
	Source        string         `json:"source,omitempty"`
	Timestamp     string         `json:"timestamp,omitempty"`
	CustomDetails map[string]any `json:"custom_details,omitempty"`
}

// changeEvents are f's change events: one per Kubernetes diff block, as
// Robusta sends them, or one with f's title when it has none.
func changeEvents(f *api.Finding, key, cluster string) []changeEvent {
	op := operation(f)
	base := map[string]any{
		"namespace": f.Subject.Namespace,
		"resource":  f.Subject.Kind + "/" + f.Subject.Name,
	}
	if f.Subject.Node != "" {
		base["node"] = f.Subject.Node
	}
	mk := func(summary string, details map[string]any) changeEvent {
		return changeEvent{
			RoutingKey: key,
			Payload: changePayload{
				Summary: cutRunes(summary, maxSummary), Source: source(cluster),
				Timestamp: timestamp(f.StartsAt), CustomDetails: details,
			},
			Links: links(f),
		}
	}
	var out []changeEvent
	for _, e := range f.Enrichments {
		for _, b := range e.Blocks {
			d, ok := b.(api.KubernetesDiff)
			if !ok {
				continue
			}
			details := maps.Clone(base)
			for i, x := range d.Diffs {
				details[fmt.Sprintf("Change %d", i+1)] = diffLine(x)
			}
			count := ""
			switch {
			case op == "update" && f.Description != "":
				details["Remarks"] = f.Description
				n := len(d.Diffs)
				count = fmt.Sprintf(" (%d %s)", n, plural(n, "change", "changes"))
			case f.Description != "":
				details["Remarks"] = "Resource " + op + "d"
			}
			out = append(out, mk(fmt.Sprintf("%s %s %sd in cluster %s%s", d.Kind, objectName(d.Namespace, d.Name), op, cluster, count), details))
		}
	}
	if len(out) == 0 {
		details := maps.Clone(base)
		if f.Description != "" {
			details["Remarks"] = f.Description
		}
		out = append(out, mk(f.Title, details))
	}
	return out
}

// operation is the change's kind, create, update or delete, read from
// resource_babysitter's description ("Deployment updated ...") or title
// ("deployment/prod/web.yaml updated"); "change" when neither says.
func operation(f *api.Finding) string {
	for _, op := range []string{"create", "update", "delete"} {
		if strings.HasPrefix(f.Description, f.Subject.Kind+" "+op+"d") || strings.HasSuffix(f.Title, " "+op+"d") {
			return op
		}
	}
	return "change"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

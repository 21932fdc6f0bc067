package sink

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/invopop/jsonschema"
)

// Grouping is Robusta's grouping key of a sink (its GroupingParams):
// findings are put in groups by the values of group_by, and each group
// lives interval seconds from its first finding. runtime/sink/group does
// the grouping; Check reports what the schema cannot say.
type Grouping struct {
	GroupBy          []GroupAttr       `json:"group_by,omitempty" jsonschema_description:"The attributes whose values make a group: title, identifier, severity, source, type, kind, namespace, node, name, workload, cluster, or {labels: [keys]} / {annotations: [keys]}. Default [cluster]: one group for the whole cluster."`
	Interval         int               `json:"interval,omitempty" jsonschema:"minimum=1,default=900" jsonschema_description:"A group's lifetime in seconds from its first finding (regular mode: the sliding window ignore_first counts in)."`
	NotificationMode *NotificationMode `json:"notification_mode,omitempty" jsonschema_description:"regular or summary (exactly one). Default: summary, threaded, by [identifier]."`
}

// NotificationMode says what a group sends: exactly one of the two.
type NotificationMode struct {
	Regular *RegularMode `json:"regular,omitempty" jsonschema_description:"Findings are sent one by one, once the group has had more than ignore_first within interval."`
	Summary *SummaryMode `json:"summary,omitempty" jsonschema_description:"One summary message per group counting its findings; on Slack updated in place, elsewhere sent when the group's interval ends."`
}

// RegularMode holds findings back until a group is busy enough.
type RegularMode struct {
	IgnoreFirst int `json:"ignore_first" jsonschema:"minimum=1" jsonschema_description:"Within interval, the first ignore_first findings of a group are not sent; the ones after are."`
}

// SummaryMode sends a summary table per group.
type SummaryMode struct {
	Threaded *bool       `json:"threaded,omitempty" jsonschema:"default=true" jsonschema_description:"Also send each finding: on Slack as a reply in the summary's thread, elsewhere on its own. false: the summary only."`
	By       []GroupAttr `json:"by,omitempty" jsonschema_description:"The summary table's columns, counting fired and resolved findings per value; the attributes group_by takes. Default [identifier]."`
}

// DefaultGroupingInterval is Robusta's default interval, 15 minutes.
const DefaultGroupingInterval = 15 * time.Minute

// GroupAttrs are the attributes group_by and by take as names: those of
// Robusta's finding attribute map, and workload and cluster.
var GroupAttrs = []string{"title", "identifier", "severity", "source", "type", "kind", "namespace", "node", "name", "workload", "cluster"}

// Keys is group_by, or Robusta's default [cluster].
func (g *Grouping) Keys() []GroupAttr {
	if len(g.GroupBy) == 0 {
		return []GroupAttr{{Name: "cluster"}}
	}
	return g.GroupBy
}

// Window is interval as a duration, defaulted.
func (g *Grouping) Window() time.Duration {
	if g.Interval <= 0 {
		return DefaultGroupingInterval
	}
	return time.Duration(g.Interval) * time.Second
}

// Regular is the regular mode, or nil in summary mode.
func (g *Grouping) Regular() *RegularMode {
	if g.NotificationMode == nil {
		return nil
	}
	return g.NotificationMode.Regular
}

// Summary is the summary mode, defaulted; nil in regular mode. Robusta
// means notification_mode to default to summary, but its validator never
// sees the missing key and the sink then fails on None; here an absent
// notification_mode is the summary mode it meant.
func (g *Grouping) Summary() *SummaryMode {
	if g.NotificationMode != nil && g.NotificationMode.Regular != nil {
		return nil
	}
	s := SummaryMode{}
	if g.NotificationMode != nil && g.NotificationMode.Summary != nil {
		s = *g.NotificationMode.Summary
	}
	if len(s.By) == 0 {
		s.By = []GroupAttr{{Name: "identifier"}}
	}
	return &s
}

// IsThreaded reports whether each finding is sent too (default true).
func (s *SummaryMode) IsThreaded() bool { return s.Threaded == nil || *s.Threaded }

// Check reports what the schema does not: that notification_mode holds
// exactly one mode, as Robusta's validator requires. path locates the
// problem below grouping.
func (g *Grouping) Check() (path []string, err error) {
	m := g.NotificationMode
	switch {
	case m == nil:
		return nil, nil
	case m.Regular != nil && m.Summary != nil:
		return []string{"notification_mode"}, errors.New(`"regular" and "summary" must not be set together`)
	case m.Regular == nil && m.Summary == nil:
		return []string{"notification_mode"}, errors.New(`set "regular" or "summary"`)
	}
	return nil, nil
}

// GroupAttr is one element of group_by or by: a finding attribute by
// name, or some label or annotation keys ({labels: [app, team]}).
type GroupAttr struct {
	// Name is an attribute of GroupAttrs, or "labels" or "annotations".
	Name string
	// Keys are the label or annotation keys, in the order given.
	Keys []string
}

// Header names the attribute in a summary's table and criteria, as
// Robusta does: identifier is "notification", label keys "label:app".
func (a GroupAttr) Header() []string {
	if a.Keys == nil {
		if a.Name == "identifier" {
			return []string{"notification"}
		}
		return []string{a.Name}
	}
	out := make([]string, len(a.Keys))
	for i, k := range a.Keys {
		out[i] = a.Name[:len(a.Name)-1] + ":" + k
	}
	return out
}

// UnmarshalJSON reads a name or a one-key mapping of labels or
// annotations to keys.
func (a *GroupAttr) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err == nil {
		*a = GroupAttr{Name: name}
		return nil
	}
	var m map[string][]string
	if err := json.Unmarshal(b, &m); err != nil || len(m) != 1 {
		return fmt.Errorf("want an attribute name or {labels: [keys]} or {annotations: [keys]}")
	}
	for k, v := range m {
		if k != "labels" && k != "annotations" {
			return fmt.Errorf("%q: want labels or annotations", k)
		}
		*a = GroupAttr{Name: k, Keys: append([]string{}, v...)}
	}
	return nil
}

// MarshalJSON writes the form UnmarshalJSON reads.
func (a GroupAttr) MarshalJSON() ([]byte, error) {
	if a.Keys == nil {
		return json.Marshal(a.Name)
	}
	return json.Marshal(map[string][]string{a.Name: a.Keys})
}

// JSONSchema is a name of GroupAttrs, or {labels: [...]} or
// {annotations: [...]} with exactly one of the two keys.
func (GroupAttr) JSONSchema() *jsonschema.Schema {
	one := uint64(1)
	enum := make([]any, len(GroupAttrs))
	for i, n := range GroupAttrs {
		enum[i] = n
	}
	keys := func(what string) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "array", MinItems: &one, Items: &jsonschema.Schema{Type: "string", MinLength: &one},
			Description: "The " + what + " keys whose values count."}
	}
	props := jsonschema.NewProperties()
	props.Set("labels", keys("label"))
	props.Set("annotations", keys("annotation"))
	return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
		{Type: "string", Enum: enum},
		{Type: "object", Properties: props, MinProperties: &one, MaxProperties: &one, AdditionalProperties: jsonschema.FalseSchema},
	}}
}

package sink

import (
	"context"
	"reflect"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/scope"
	"github.com/robusta-go/robusta/runtime/sink/activity"
)

// Sink delivers findings. Write gets the sink's own copy of the finding.
// Implementations must be safe for concurrent use: the engine writes the
// findings of different objects at once.
type Sink interface {
	Write(ctx context.Context, f *api.Finding) error
	// Close flushes what is buffered and releases the sink.
	Close(ctx context.Context) error
}

// Common holds the fields every sink takes.
type Common struct {
	Name    string            `json:"name" jsonschema:"minLength=1" jsonschema_description:"The sink's name, unique among sinks; playbooks route to it by this name."`
	Default *bool             `json:"default,omitempty" jsonschema:"default=true" jsonschema_description:"Whether findings of playbooks that name no sinks go here. A sink with default: false only gets findings from playbooks that name it."`
	Stop    bool              `json:"stop,omitempty" jsonschema_description:"When this sink takes a finding, do not offer it to the sinks after it."`
	Match   scope.LegacyMatch `json:"match,omitempty" jsonschema_description:"Robusta's older filter: attribute to a regular expression (or list) that must match at the start of the finding's attribute; labels and annotations take k=v,k2=v2 pairs that must all be present with exactly those values."`
	Scope   *scope.Params     `json:"scope,omitempty" jsonschema_description:"Include and exclude rules on the finding's attributes (title, name, namespace, kind, node, severity, type, source, identifier, labels, annotations, namespace_labels); values are regular expressions that must match in full. kind is lower case (pod, deployment), type one of ISSUE, CONF_CHANGE, HEALTH_CHECK, REPORT."`

	// The other keys every Robusta sink takes (its SinkBaseParams); see
	// docs/robusta-keys.md.
	SendSVG                  bool                    `json:"send_svg,omitempty" jsonschema_description:"Also send a graph's SVG file where the finding has its PNG; without it (the default, as in Robusta) the sink gets the PNG only."`
	PreferRedirectToPlatform *bool                   `json:"prefer_redirect_to_platform,omitempty" jsonschema_description:"Robusta's: link to the Robusta UI instead of the source. Accepted and ignored: robusta-go has no platform."`
	Activity                 *activity.Params        `json:"activity,omitempty" jsonschema_description:"When the sink takes findings: weekly days and hours in a time zone. Findings outside them are not sent to this sink."`
	MuteIntervals            []activity.MuteInterval `json:"mute_intervals,omitempty" jsonschema_description:"Date ranges the sink takes no findings in."`
	Grouping                 *Grouping               `json:"grouping,omitempty" jsonschema_description:"Robusta's notification grouping: findings in groups by group_by for interval seconds, either held back until a group has more than ignore_first (regular) or counted in one summary per group (summary; on Slack updated in place, findings in its thread)."`
}

// IsDefault reports whether the sink takes findings of playbooks that name
// no sinks (the default when unset).
func (c *Common) IsDefault() bool { return c.Default == nil || *c.Default }

// Global is the part of globalConfig sinks see.
type Global struct {
	ClusterName string
}

// Type is one kind of sink, by its key in sinksConfig.
type Type struct {
	// Key is the sinksConfig key, e.g. "file_sink".
	Key string
	// Doc describes the sink for the schema and docs.
	Doc string
	// Params is the type of the sink's params; a struct embedding Common.
	Params reflect.Type
	// New builds the sink from its params (JSON, valid against the schema
	// of Params, env vars substituted).
	New func(params []byte, g Global) (Sink, error)
}

package opsgenie

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// DefaultHost is Opsgenie's API host (US instance).
const DefaultHost = "https://api.opsgenie.com"

// Params configures opsgenie_sink: Robusta's OpsGenieSinkParams.
type Params struct {
	sink.Common
	APIKey             string   `json:"api_key" jsonschema:"minLength=1" jsonschema_description:"The key of an Opsgenie API integration (a global one for routing to several teams); use {{ env.NAME }} to keep it out of values.yaml."`
	Teams              []string `json:"teams,omitempty" jsonschema_description:"Teams the alert is routed to: names, or templates such as $labels.team or ${annotations.owner} read from the finding's subject."`
	DefaultTeam        string   `json:"default_team,omitempty" jsonschema_description:"The team a templated team falls back to when its label or annotation is missing."`
	Tags               []string `json:"tags,omitempty" jsonschema_description:"Tags of every alert, after the cluster name; templates as for teams, a tag whose value is missing is left out."`
	Host               string   `json:"host,omitempty" jsonschema:"default=https://api.opsgenie.com,pattern=^https?://" jsonschema_description:"The Opsgenie API base URL: https://api.eu.opsgenie.com for the EU instance, or a proxy."`
	ExtraDetailsLabels bool     `json:"extra_details_labels,omitempty" jsonschema_description:"Also put the subject's labels (an alert's labels) in the alert's details."`
}

// Type is opsgenie_sink.
var Type = sink.Type{
	Key:    "opsgenie_sink",
	Doc:    "Opens an Opsgenie alert for each finding through the Alert API v2, aliased by the finding's fingerprint, and closes it when the finding is resolved.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading opsgenie_sink params: %w", err)
		}
		s, err := New(p, g)
		if err != nil {
			return nil, err
		}
		return s, nil
	},
}

package pagerduty

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// DefaultAPIURL is PagerDuty's Events API host.
const DefaultAPIURL = "https://events.pagerduty.com"

// Params configures pagerduty_sink.
type Params struct {
	sink.Common
	APIKey string `json:"api_key" jsonschema:"minLength=1" jsonschema_description:"The integration key (Events API v2 routing key) of the PagerDuty service; use {{ env.NAME }} to keep it out of values.yaml."`
	APIURL string `json:"api_url,omitempty" jsonschema:"default=https://events.pagerduty.com,pattern=^https?://" jsonschema_description:"The Events API base URL: https://events.eu.pagerduty.com for the EU service region, or a proxy."`
}

// Type is pagerduty_sink.
var Type = sink.Type{
	Key:    "pagerduty_sink",
	Doc:    "Sends each finding to PagerDuty's Events API v2: alerts triggered and resolved by the finding's fingerprint, configuration changes as change events.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading pagerduty_sink params: %w", err)
		}
		s, err := New(p, g)
		if err != nil {
			return nil, err
		}
		return s, nil
	},
}

package msteams

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Params configures ms_teams_sink: Robusta's MsTeamsSinkParams.
type Params struct {
	sink.Common
	WebhookURL      string `json:"webhook_url" jsonschema:"minLength=1,pattern=^https?://" jsonschema_description:"The channel's incoming webhook URL (a Teams Workflows webhook, or an older connector's); it holds a secret, so use {{ env.NAME }}."`
	WebhookOverride string `json:"webhook_override,omitempty" jsonschema:"pattern=^annotations\\.[^$]+$|\\$\\{?annotations\\." jsonschema_description:"Picks the webhook per finding from the subject's annotations: annotations.<key>, or a template such as $annotations.teams-webhook. Falls back to webhook_url when missing or not an http(s) URL."`
	SendFiles       *bool  `json:"send_files,omitempty" jsonschema:"default=true" jsonschema_description:"Show files in the card: small images inline, the last lines of text files. false names them only."`
}

// Type is ms_teams_sink.
var Type = sink.Type{
	Key:    "ms_teams_sink",
	Doc:    "Posts each finding to a Microsoft Teams channel's webhook as Adaptive Cards, split to stay under Teams' message size.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading ms_teams_sink params: %w", err)
		}
		return New(p, g)
	},
}

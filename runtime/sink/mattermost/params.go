package mattermost

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Params configures mattermost_sink: Robusta's MattermostSinkParams.
type Params struct {
	sink.Common
	URL     string `json:"url" jsonschema:"minLength=1,pattern=^https?://" jsonschema_description:"The Mattermost server, https://chat.example.com."`
	Token   string `json:"token" jsonschema:"minLength=1" jsonschema_description:"A bot's or user's access token; use {{ env.NAME }}."`
	TokenID string `json:"token_id,omitempty" jsonschema_description:"Robusta's: the token's id, used to rename the bot. Accepted and not used."`
	Channel string `json:"channel" jsonschema:"minLength=1" jsonschema_description:"The channel's name (as in its URL, e.g. town-square)."`
	Team    string `json:"team,omitempty" jsonschema_description:"The team's name the channel is in; without it (and team_id), the bot's teams are searched."`
	TeamID  string `json:"team_id,omitempty" jsonschema_description:"The team's id, instead of its name."`
}

// Type is mattermost_sink.
var Type = sink.Type{
	Key:    "mattermost_sink",
	Doc:    "Posts each finding to a Mattermost channel in Markdown through the REST API v4, its files uploaded and attached.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading mattermost_sink params: %w", err)
		}
		return New(p, g)
	},
}

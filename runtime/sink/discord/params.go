package discord

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Params configures discord_sink: Robusta's DiscordSinkParams.
type Params struct {
	sink.Common
	URL string `json:"url" jsonschema:"minLength=1,pattern=^https?://" jsonschema_description:"The channel's webhook URL (Server Settings, Integrations, Webhooks), https://discord.com/api/webhooks/ID/TOKEN; it holds the token, so use {{ env.NAME }}."`
}

// Type is discord_sink.
var Type = sink.Type{
	Key:    "discord_sink",
	Doc:    "Posts each finding to a Discord channel's webhook as embeds, attaching files, splitting what exceeds Discord's limits.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading discord_sink params: %w", err)
		}
		return New(p, g)
	},
}

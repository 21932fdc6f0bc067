package googlechat

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Params configures google_chat_sink: Robusta's GoogleChatSinkParams.
type Params struct {
	sink.Common
	WebhookURL string `json:"webhook_url" jsonschema:"minLength=1,pattern=^https?://" jsonschema_description:"The space's incoming webhook URL (https://chat.googleapis.com/v1/spaces/.../messages?key=...&token=...); it holds the key and token, so use {{ env.NAME }}."`
}

// Type is google_chat_sink.
var Type = sink.Type{
	Key:    "google_chat_sink",
	Doc:    "Posts each finding to a Google Chat space's webhook as a cardsV2 card, threaded by fingerprint, split to stay under Chat's message size.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading google_chat_sink params: %w", err)
		}
		return New(p, g)
	},
}

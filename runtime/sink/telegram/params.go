package telegram

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"github.com/invopop/jsonschema"

	"github.com/robusta-go/robusta/runtime/sink"
)

// DefaultAPIURL is the Bot API's address.
const DefaultAPIURL = "https://api.telegram.org"

// Params configures telegram_sink: Robusta's TelegramSinkParams, and the
// API's address.
type Params struct {
	sink.Common
	BotToken  string `json:"bot_token" jsonschema:"minLength=1" jsonschema_description:"The bot's token from @BotFather (123456:ABC-...); a secret, so use {{ env.NAME }}."`
	ChatID    ChatID `json:"chat_id" jsonschema_description:"The chat: its numeric id (a group's is negative, a supergroup's starts with -100) or @channelusername."`
	ThreadID  int64  `json:"thread_id,omitempty" jsonschema_description:"The topic (message_thread_id) of a forum supergroup to post in."`
	SendFiles *bool  `json:"send_files,omitempty" jsonschema:"default=true" jsonschema_description:"Send the finding's files and wide tables as documents after the message."`
	APIURL    string `json:"api_url,omitempty" jsonschema:"pattern=^https?://,default=https://api.telegram.org" jsonschema_description:"The Bot API's base URL: a local Bot API server, or a test's. Robusta reads it from $TELEGRAM_BASE_URL."`
}

// ChatID is a chat's id as Robusta's params take it: a number or a string.
type ChatID string

// UnmarshalJSON takes a JSON number or string.
func (c *ChatID) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*c = ChatID(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("chat_id must be a number or a string")
	}
	*c = ChatID(s)
	return nil
}

// MarshalJSON writes a numeric id as a number, as Telegram documents it.
func (c ChatID) MarshalJSON() ([]byte, error) {
	if _, err := strconv.ParseInt(string(c), 10, 64); err == nil {
		return []byte(c), nil
	}
	return json.Marshal(string(c))
}

// JSONSchema is "an integer or a non-empty string".
func (ChatID) JSONSchema() *jsonschema.Schema {
	one := uint64(1)
	return &jsonschema.Schema{OneOf: []*jsonschema.Schema{{Type: "integer"}, {Type: "string", MinLength: &one}}}
}

// Type is telegram_sink.
var Type = sink.Type{
	Key:    "telegram_sink",
	Doc:    "Sends each finding to a Telegram chat through a bot (HTML messages split at Telegram's 4,096 characters), its files as documents.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading telegram_sink params: %w", err)
		}
		return New(p, g)
	},
}

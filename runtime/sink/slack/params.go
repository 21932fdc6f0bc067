package slack

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Defaults of the optional params.
const (
	DefaultAPIURL          = "https://slack.com/api/"
	DefaultMaxLogFileLimit = 1000             // KB
	requestTimeout         = 90 * time.Second // Robusta's SLACK_REQUEST_TIMEOUT
)

// Params configures slack_sink.
type Params struct {
	sink.Common
	SlackChannel      string `json:"slack_channel" jsonschema:"minLength=1" jsonschema_description:"The channel findings go to (name or ID); the Slack app must be a member."`
	APIKey            string `json:"api_key" jsonschema:"minLength=1" jsonschema_description:"The Slack app's bot token (xoxb-...); use {{ env.NAME }} to keep it out of values.yaml."`
	ChannelOverride   string `json:"channel_override,omitempty" jsonschema:"pattern=^(cluster_name|labels\\.[^$]+|annotations\\.[^$]+)$|\\$\\{?(cluster_name|labels\\.|annotations\\.)" jsonschema_description:"Picks the channel per finding: cluster_name, labels.<key>, annotations.<key>, or a template such as $cluster_name-alerts-$labels.env or ${annotations.kubernetes.io/service-name}. Falls back to slack_channel when a value is missing or the result is empty."`
	MaxLogFileLimitKB int    `json:"max_log_file_limit_kb,omitempty" jsonschema:"default=1000,minimum=1" jsonschema_description:"Text files uploaded to Slack are cut to this many kilobytes (1000 bytes each), keeping their end."`
	APIURL            string `json:"api_url,omitempty" jsonschema:"default=https://slack.com/api/,pattern=^https?://" jsonschema_description:"The Slack Web API base URL, for GovSlack (https://slack-gov.com/api/) or a proxy."`
}

// Type is slack_sink.
var Type = sink.Type{
	Key:    "slack_sink",
	Doc:    "Posts each finding to a Slack channel as Block Kit messages, continuing long ones and uploading files in the message's thread.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading slack_sink params: %w", err)
		}
		s, err := New(p, g)
		if err != nil {
			return nil, err
		}
		return s, nil
	},
}

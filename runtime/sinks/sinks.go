// Package sinks lists every sink type robusta-go ships, for the config
// loader and the schema generator. A sink is added here and nowhere else.
package sinks

import (
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/discord"
	"github.com/robusta-go/robusta/runtime/sink/file"
	"github.com/robusta-go/robusta/runtime/sink/googlechat"
	"github.com/robusta-go/robusta/runtime/sink/jira"
	"github.com/robusta-go/robusta/runtime/sink/kafka"
	"github.com/robusta-go/robusta/runtime/sink/mail"
	"github.com/robusta-go/robusta/runtime/sink/mattermost"
	"github.com/robusta-go/robusta/runtime/sink/msteams"
	"github.com/robusta-go/robusta/runtime/sink/opsgenie"
	"github.com/robusta-go/robusta/runtime/sink/pagerduty"
	"github.com/robusta-go/robusta/runtime/sink/slack"
	"github.com/robusta-go/robusta/runtime/sink/telegram"
	"github.com/robusta-go/robusta/runtime/sink/webhook"
)

// Types returns the sink types, sorted by key.
func Types() []sink.Type {
	return []sink.Type{discord.Type, file.Type, googlechat.Type, jira.Type, kafka.Type, mail.Type, mattermost.Type, msteams.Type, opsgenie.Type, pagerduty.Type, slack.Type, file.StdoutType, telegram.Type, webhook.Type}
}

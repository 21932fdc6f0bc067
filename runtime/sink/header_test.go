package sink_test

import (
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/slack"
	"github.com/robusta-go/robusta/runtime/sink/webhook"
)

// TestSinksCheckHeaderValues: a token that cannot go out as an HTTP header
// (a control byte inside it) fails when the sink is built, at start,
// without the token in the message, instead of at every delivery.
func TestSinksCheckHeaderValues(t *testing.T) {
	const bad = "Bearer s3cr3t\x01x"
	_, err := webhook.New(webhook.Params{Common: sink.Common{Name: "hook"}, URL: "https://hooks.example.com/x", Authorization: bad}, sink.Global{})
	if err == nil || !strings.Contains(err.Error(), "webhook_sink hook: authorization holds a byte an HTTP header cannot carry") || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("webhook_sink with a bad authorization: %v", err)
	}
	_, err = slack.New(slack.Params{Common: sink.Common{Name: "team"}, SlackChannel: "alerts", APIKey: "xoxb-s3cr3t\n"}, sink.Global{})
	if err == nil || !strings.Contains(err.Error(), "slack_sink team: api_key holds a byte") || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("slack_sink with a bad api_key: %v", err)
	}
	if _, err := webhook.New(webhook.Params{Common: sink.Common{Name: "hook"}, URL: "https://hooks.example.com/x", Authorization: "Bearer ok"}, sink.Global{}); err != nil {
		t.Errorf("a good authorization: %v", err)
	}
}

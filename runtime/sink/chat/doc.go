// Package chat holds what the sinks that post to chat services (Discord,
// Teams, Google Chat) render alike: Robusta's firing/resolved status read
// from the title, the severity and status emoji, the subject line, a table
// as aligned text, and Slack mrkdwn (the dialect of api.Markdown blocks)
// converted into another service's markup by a Dialect.
//
// Converting, rather than passing Slack's markup through as Robusta's
// Discord and Teams senders mostly do, is what makes "*restarts:* 5" bold
// on Discord instead of italic and <https://x|runbook> a link instead of
// raw angle brackets. Text that is data (titles, descriptions, cells) goes
// through the dialect's Text escape only, never through Convert.
package chat

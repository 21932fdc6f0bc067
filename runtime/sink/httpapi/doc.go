// Package httpapi is how every HTTP sink talks to its service: one call is
// one retry.Do, each attempt classified by CheckResponse (rate-limit
// answers honoured, capped at MaxRetryAfter), each failed attempt logged,
// and every error and log line naming the address only as Redact shows it,
// scheme and host, so that no token in a path, query or user info leaks.
//
// Two kinds of service use it:
//
//   - header-authenticated APIs (PagerDuty, Opsgenie, Jira, Mattermost, a
//     webhook with an Authorization header): Client.Header sets the
//     credentials, Client.Do sends a Request and decodes its JSON answer;
//   - incoming webhooks whose secret is the URL itself (Discord, Teams
//     Workflows, Google Chat, a Telegram bot's method URL): ParseTarget
//     checks the URL and Client.Post sends a body to it.
//
// A sink whose service speaks a dialect (Discord's bucket headers, Teams'
// "200 with an error") sets Client.Check to wrap CheckResponse. A sink with
// a maintained Go client (Slack, Kafka) uses that client instead.
package httpapi

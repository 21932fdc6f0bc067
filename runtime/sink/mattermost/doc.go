// Package mattermost implements mattermost_sink: each finding is a post in
// a channel through the REST API v4 (POST /api/v4/posts), its files
// uploaded first (POST /api/v4/files) and attached by file_ids. The
// channel is found by name within the team (GET
// /api/v4/teams/name/{team}, then /teams/{id}/channels/name/{channel}),
// or, without a team, within the bot's teams; ids are cached.
//
// The documented REST API is used with net/http, not Mattermost's Go
// client (github.com/mattermost/mattermost/server/public/model): that
// module pulls in dozens of modules for the four calls needed here.
//
// The post is Markdown, which Mattermost renders: the title line, links,
// the cluster and subject, then each enrichment under a bold title;
// tables are Markdown tables, diffs ```diff blocks, JSON ```json blocks.
// Data is escaped, authors' Slack mrkdwn converted (chat.Convert). A post
// over Mattermost's 16,383 characters continues in replies to the first.
// Every call is retried with package retry (5xx, 429 with Retry-After);
// the token is sent in the Authorization header only and never logged.
package mattermost

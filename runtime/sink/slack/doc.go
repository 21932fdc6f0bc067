// Package slack implements slack_sink: findings posted to Slack with
// github.com/slack-go/slack, in Block Kit.
//
// # Rendering
//
// A finding becomes a header (severity emoji and title, cut to Slack's 150
// characters) and a context line (severity, subject "Kind ns/name", node,
// cluster) as the message's own blocks, then a body in one attachment whose
// bar shows the severity colour (HIGH 🔴 red, LOW 🟡 yellow, INFO 🟢 green,
// DEBUG 🔵 blue): the description, the finding's links, and each
// enrichment's title and blocks.
//
//   - Markdown, List and Links become mrkdwn sections, split between lines
//     to stay under the 3,000-character section limit (a longer line is
//     broken hard, on a rune boundary).
//   - Header becomes a header block; Divider a divider.
//   - Table with at most 3 columns (Robusta's SLACK_TABLE_COLUMNS_LIMIT)
//     becomes section fields, ten per section; a two-column table keeps its
//     grid, other narrow tables get one field per row. Wider tables go to
//     the thread as an aligned text file.
//   - KubernetesDiff becomes "*Deployment prod/web changed:* 1 modified"
//     and a code block of "- path: old" / "+ path: new" lines.
//   - JSON becomes an indented code block, or a file when too long for one.
//   - File is uploaded into the thread. Text files (valid UTF-8) over
//     max_log_file_limit_kb keep their last whole lines under a line saying
//     what was cut; binary files go whole, as in Robusta.
//
// Trusted markup and data are told apart by where text comes from. Data
// is anything the cluster or an alert can write: the finding's title and
// description (alert summaries and descriptions, templates filled from
// labels), subject names, table cells, link names, diff values, JSON. It
// is escaped for mrkdwn (&, < and > become entities), so that <!channel>,
// <!here> or <@U123> in an alert shows as text and pings nobody. Markdown
// blocks and list items are the action author's mrkdwn and pass unchanged:
// an author who puts data into one must escape it. File contents are
// uploaded, never parsed. Block types
// the sink does not know are skipped, as every Robusta sink does.
//
// # Messages and threads
//
// A message holds at most 50 blocks and about 12,000 characters of block
// text (Slack's undocumented msg_blocks_too_long cap sits near 13,200);
// what does not fit continues as replies in the thread of the first
// message. Files follow in the same thread through the external upload
// flow (files.getUploadURLExternal, a POST of the bytes to the returned
// URL, files.completeUploadExternal with channel_id and thread_ts); the
// old files.upload is switched off. The steps are called one by one rather
// than through slack-go's UploadFileContext so that each is retried alone.
// If the first message fails, Write returns; later failures are collected
// and the rest is still sent.
//
// # Grouping summaries
//
// The sink is a sink.Summarizer and a sink.Router for runtime/sink/group:
// a group's summary (Robusta's layout: "Alerts Summary - N
// Notifications", cluster, matching criteria, the interval as a Slack
// date, the table in a code block, its quietest rows cut and counted to
// stay in one section) is posted with chat.postMessage and rewritten with
// chat.update, which takes the channel's ID that the post returned; the
// reference the grouper keeps holds channel name, ID and ts. Replies go
// through the same path as Write, in the summary's thread, files too.
// With channel_override the finding's channel is part of its group.
//
// # Channels
//
// channel_override takes Robusta's forms: cluster_name, labels.<key>,
// annotations.<key>, or a template ($cluster_name-alerts-$labels.env,
// ${annotations.kubernetes.io/service-name}), expanded by runtime/tmpl.
// Keys match exactly or, as in Robusta, with /, . and - read as _. An
// override that expands to nothing or to a missing value falls back to
// slack_channel.
//
// # Rate limits and failures
//
// Each Slack call goes through runtime/sink/retry (no jitter) and is tried
// up to 5 times within 3 minutes, waits included. A 429 waits for its
// Retry-After, capped at a minute (a hostile or broken answer must not park
// the sink), and holds the channel for every writer meanwhile; 5xx answers,
// connection errors and Slack's transient codes (internal_error,
// fatal_error, service_unavailable, request_timeout, ratelimited) back off
// 1s, 2s, 4s... capped at 30s; every other Slack error (channel_not_found,
// not_in_channel, invalid_auth, restricted_action, ...) is final. Messages
// and file shares are paced per channel at one per second (chat.postMessage's
// limit) by golang.org/x/time/rate limiters, made on first use. Every wait,
// backoff or pacing, goes through one retry.Clock that tests replace with
// retrytest.Clock, and ends when ctx ends. Every failed attempt is logged
// with the sink's name, the channel, the method and Slack's error code
// (Robusta's logs omit them: its issue #714), and the last is returned,
// wrapped, for the engine to count. slack-go's own retries
// stay off: they sleep on the real clock. A chat.postMessage retried after a
// 5xx or a cut connection may post twice if Slack had taken the first; a
// lost finding is judged worse than a repeated one.
package slack

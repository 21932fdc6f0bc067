// Package discord implements discord_sink: each finding is posted to a
// Discord channel through an incoming webhook (POST /webhooks/{id}/{token},
// "Execute Webhook"), as Robusta's does, with embeds.
//
// # Rendering
//
// The first message's content is Robusta's title line, "🔥 firing - 🔴 HIGH -
// **title**" (✅ resolved for a "[RESOLVED]" title), so that the
// notification says what happened. Its first embed holds the description,
// the finding's links and inline fields for the cluster, the subject and
// the node; each enrichment follows as embeds, its title as the embed's.
// Embeds are coloured by severity (Robusta's HIGH red, LOW yellow, INFO
// green; DEBUG blue), and green when resolved.
//
//   - Markdown and list blocks are Slack mrkdwn converted to Discord's
//     markdown (chat.Convert): *bold* becomes **bold**, <url|text> a masked
//     link; a header is bold; a divider a rule of ─.
//   - A table of at most 4 columns (Robusta's DISCORD_TABLE_COLUMNS_LIMIT)
//     whose text fits a field (1,024 characters) becomes a field, its name
//     the table's, its value an aligned code block; a wider or longer table
//     is attached as name.txt, as in Robusta.
//   - A Kubernetes diff is a "changed:" line and a ```diff block of "- old"
//     and "+ new" lines, which Discord colours; JSON an indented ```json
//     block, or data.json when too long.
//   - Files are attached to a last message (multipart/form-data, payload_json
//     and files[n]); images (png, jpeg, gif) are also shown, each in an embed
//     of its own through attachment://name. A file over 10 MiB (Discord's
//     upload limit for servers without boosts) is not sent, and named in a
//     line that says so.
//
// Data (the title, description, cells, link names) is escaped for Discord's
// markdown. Every message sets allowed_mentions to nothing, so an alert
// whose text holds @everyone or <@id> pings no one: Robusta's does not, and
// its messages can.
//
// # Limits
//
// Discord rejects a message over 10 embeds, 6,000 characters of embed text,
// 25 fields per embed, 4,096 characters of description, 256 of title or
// field name, 1,024 of field value, 2,000 of content. The renderer splits
// long text between lines (closing and reopening a code fence it cuts),
// starts a new embed when one is full and a new message when a message is;
// the continuations carry no content. Characters are counted in UTF-16 code
// units, as Discord counts them.
//
// # Delivery
//
// Each message is POSTed with package httpapi: 5xx, connection errors and
// timeouts back off; a 429 waits for Discord's retry_after (seconds, from
// the JSON body, else the Retry-After or X-RateLimit-Reset-After header),
// capped at a minute; any other 4xx fails at once. A success answering
// X-RateLimit-Remaining: 0 makes the next message of the sink wait for
// X-RateLimit-Reset-After first, instead of earning a 429. The URL holds the
// webhook's token and is never logged or put in an error. When a message
// fails, the ones after it are not sent: Discord would show them out of
// order.
package discord

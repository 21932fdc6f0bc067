// Package telegram implements telegram_sink: each finding is sent to a
// Telegram chat (a topic of it with thread_id) by a bot, through the Bot
// API's sendMessage, and its files through sendDocument (sendPhoto for
// PNG and JPEG images, so that they show inline), as Robusta's does.
//
// # Rendering
//
// Messages use parse_mode HTML. Robusta's uses the legacy "Markdown" mode
// and escapes nothing, so a pod name with an underscore ("my_app") makes
// Telegram refuse the whole message ("can't parse entities") and the alert
// is lost. HTML needs only &, < and > escaped, and Slack mrkdwn (the
// dialect of api.Markdown blocks) is converted to its tags by chat.Convert.
//
// The message starts with Robusta's title line ("🔥 firing - 🔴 HIGH -
// <b>title</b>"), then every link of the finding (Robusta's keeps only the
// last, a bug), the cluster as Robusta's "Source:", the subject, the
// description and each enrichment under its bold title: headers bold,
// lists as bullets, a divider a rule, JSON and Kubernetes diffs in <pre>
// blocks with their language. A table of at most 4 columns is an aligned
// <pre> block; a wider one is sent as name.txt, as Robusta sends every
// table (its phone rendering of wide tables is unreadable).
//
// # Limits
//
// Telegram refuses a message over 4,096 characters. Robusta's drops every
// block after the one that would cross it; here the text is split into
// several messages between lines, each with balanced tags (a <pre> block
// cut in two is closed and reopened). Length is measured in UTF-16 code
// units of the HTML source, which is never shorter than the text Telegram
// counts, so no part is refused. Files over the Bot API's upload limits
// (10 MB for a photo, then sent as a document; 50 MB for a document) are
// named in a line instead of failing the finding.
//
// # Delivery
//
// Each request is sent with package httpapi and retried with package retry:
// 5xx and connection errors back off; a 429 waits for the answer's
// parameters.retry_after (else Retry-After), capped at a minute; any other
// 4xx fails at once with Telegram's description. The bot token is part of
// every URL (/bot<token>/method), so no URL is logged or put in an error:
// only the base's scheme and host. The base (https://api.telegram.org) is
// the api_url param, for a local Bot API server or tests. A finding's
// requests go one at a time and stop at the first failure, so the chat
// never shows its parts out of order.
package telegram

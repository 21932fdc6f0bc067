// Package googlechat implements google_chat_sink: each finding is posted to
// a Google Chat space through an incoming webhook (POST spaces.messages
// with the webhook's key and token in the URL) as a card of the Chat API's
// cardsV2, where Robusta's sends one plain text message. The webhook is one
// documented POST, so net/http is used: google.golang.org/api/chat/v1
// would bring a large module and OAuth plumbing a webhook does not need.
//
// # Rendering
//
// The card header holds Robusta's title line (status, severity emoji and
// name, title) and the subject and cluster. A first section shows the
// severity in its colour, the description and the finding's links as
// buttons (buttonList, openLink). Each enrichment is a section, its title
// the section header.
//
//   - Markdown and lists are Slack mrkdwn converted to the HTML subset card
//     text takes (<b>, <i>, <s>, <a href>, <font color>, <br>); headers are
//     bold paragraphs; a divider is a divider widget.
//   - A two-column table becomes one decoratedText per row (the first cell
//     as its top label); a wider one a decoratedText per row, the first
//     cell on top and the other cells as "header: value" pairs.
//   - A Kubernetes diff is a bold summary and red "- old" and green "+ new"
//     lines; JSON is shown as escaped text.
//   - Files: Chat webhooks take no attachments and card images need a public
//     URL, so each file is named with its size (Robusta drops them
//     silently).
//
// Data (title, description, cells, link names) is HTML-escaped; the header
// is plain text, which Chat does not parse.
//
// # Size and threads
//
// Chat refuses a message over 32,000 bytes. Sections are packed into cards
// of at most 28,000 bytes of JSON and 100 widgets; the rest continues in
// more messages, "(continued 2/3)" in their headers. All messages of a
// finding, and later findings with the same fingerprint (its repeats, its
// resolution), go to one thread: threadKey is the fingerprint, sent with
// messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD.
//
// # Delivery
//
// Chat takes one message per second per space: the sink spaces its
// messages a second apart. Each POST goes through package httpapi: 429s (with
// Retry-After when given, capped at a minute) and 5xx are retried, other
// 4xx are final; the URL carries the webhook's key and token and is never
// logged or put in an error.
package googlechat

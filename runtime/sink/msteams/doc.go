// Package msteams implements ms_teams_sink: each finding is posted to a
// Microsoft Teams channel through an incoming webhook as an Adaptive Card
// (1.5) in the message envelope Teams Workflows (Power Automate "post to a
// channel when a webhook request is received") and the older Office 365
// connectors both take: {"type":"message","attachments":[{"contentType":
// "application/vnd.microsoft.card.adaptive","content":{...}}]}. There is no
// maintained Go client for these webhooks; each is one POST with net/http.
//
// # Rendering
//
// A card opens with a container styled by severity (attention red for
// HIGH, warning yellow for LOW, accent for INFO and DEBUG, good green when
// resolved) holding Robusta's title line ("🔥 firing - 🔴 HIGH - title"),
// a FactSet of cluster, subject and node, the description, and the
// finding's links as Action.OpenUrl buttons. Each enrichment follows under
// a separator and its bold title.
//
//   - Markdown and lists: Slack mrkdwn converted to the markdown a
//     TextBlock renders (**bold**, _italic_, [text](url), "- " lists); Teams
//     shows no strike-through or code, so those are plain text.
//   - Header: a large bold TextBlock; divider: a separator line.
//   - Table: two columns become a FactSet; others an Adaptive Card Table
//     with a header row, split every 40 rows so that a part fits a card.
//   - Kubernetes diff, JSON and text tails are RichTextBlocks of monospace
//     TextRuns, which Teams does not read as markdown: removed lines red,
//     added green.
//   - Files: Teams webhooks take no attachments. A PNG, JPEG or GIF is shown
//     inline as a data: URI when it fits the card (PNG re-encoded as JPEG,
//     which Robusta found Teams needs); a text file (.log, .txt, .json,
//     .yaml) shows its last lines, as many as fit 4 KB; anything else, or
//     with send_files: false, is named with its size.
//
// # Size
//
// Teams refuses a message over about 28 KB (Workflows webhooks enforce it,
// which is why Robusta turns files off for them). Cards are packed up to
// 24,000 bytes of JSON: what does not fit continues in another card whose
// title says "(continued 2/3)". A single element larger than a card is cut
// (text) or replaced by a line saying what was left out.
//
// # webhook_override
//
// As in Robusta, "annotations.<key>" or a template with $annotations.<key>
// picks the URL from the subject's annotations; a result that is missing
// or not an http(s) URL falls back to webhook_url. Robusta then tries the
// result as an environment variable's name; here it does not: an
// annotation, which anyone who can edit a workload writes, must not choose
// which of the runner's environment variables is read.
//
// # Delivery
//
// Each card is POSTed with package httpapi: 5xx, 429 (with Retry-After,
// capped at a minute), connection errors and timeouts are retried; other
// 4xx are final. The legacy connectors answer 200 with an error in the
// body: "HTTP error 429" in it is retried, any other error is final. The
// URL holds the webhook's secret and appears in no log or error.
package msteams

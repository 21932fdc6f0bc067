// Package webhook implements webhook_sink: each finding is POSTed to a URL,
// as plain text (the default, as in Robusta) or as JSON.
//
// # Bodies
//
// format: json sends the finding exactly as api.Finding marshals, the shape
// file_sink writes (Contract 4), with Content-Type application/json.
// format: text sends a readable rendering (title, severity, subject,
// cluster, description, links, then every block as text; a file shows as
// "[file name.log, N bytes]") with Content-Type text/plain; charset=utf-8.
//
// # size_limit
//
// No body is longer than size_limit bytes (default 4096, Robusta's):
//
//   - text is cut at the last line break that fits, followed by the line
//     "[truncated]"; a first line longer than the limit is cut inside,
//     always at a UTF-8 boundary;
//   - JSON stays valid JSON of the same shape. Blocks are kept in order as
//     long as they fit; the first that does not is cut (a markdown block's
//     text or a file's contents) when any of it fits, and all later blocks
//     are dropped. An enrichment titled "Truncated" is then appended
//     saying how many blocks were dropped or cut. If even a finding with no
//     blocks is too long, its description and then its title are cut; if it
//     still does not fit (huge labels), Write fails without sending.
//
// # Delivery
//
// Each POST goes through package httpapi and is retried with package
// retry: 5xx, 408, connection errors and timeouts are retried with backoff,
// a 429's Retry-After is honoured (capped at a minute), any other 4xx fails
// at once. Each attempt has its own timeout (the HTTP
// client's, 30s). authorization is sent verbatim as the Authorization header
// and never appears in errors; neither does the URL's path, query or user
// info, since webhook URLs often carry their secret there (Slack, Discord):
// errors name the sink and the URL's scheme and host.
//
// Write blocks while it retries. The engine wraps every sink in sink.Async,
// so a failing webhook delays only its own queue.
package webhook

// Package opsgenie implements opsgenie_sink: findings sent to Opsgenie's
// Alert API v2 (docs.opsgenie.com/docs/alert-api).
//
// # Alerts
//
// A finding opens an alert (POST /v2/alerts) with alias the finding's
// fingerprint, so that repeats of a firing alert join one Opsgenie alert
// (Opsgenie deduplicates open alerts by alias) and the resolution closes
// it: a resolved finding (its title starts with "[RESOLVED]", as Robusta
// checks, or it has an EndsAt, as an Alertmanager resolution gives) is sent
// as POST /v2/alerts/{alias}/close?identifierType=alias instead.
//
// The alert is Robusta's: message the title (cut to Opsgenie's 130
// characters), source "Robusta", entity the subject (namespace/Kind/name),
// priority P1 for HIGH, P4 for LOW and P5 for INFO and DEBUG, responders
// the teams, tags the cluster name and then the tags, details Resource,
// Cluster, Namespace, Node and Source, and with extra_details_labels the
// subject's labels too. Teams and tags may be templates
// ($labels.team, ${annotations.owner}, $cluster_name, with Robusta's key
// normalisation); one that names a missing value gives default_team for a
// team and nothing for a tag, and duplicates are dropped.
//
// The description is HTML, which Opsgenie's alert view renders: the
// finding's links, its description, then each enrichment's blocks
// (headers bold, markdown converted from Slack's mrkdwn, lists, tables as
// tables, JSON and diffs preformatted, a file as its name and size: an
// attachment needs the alert's id, which the asynchronous create does not
// return). Blocks that do not fit Opsgenie's 15,000 characters are left
// out whole, and a last line says how many, so no tag is ever cut in two.
//
// # Deviations from Robusta
//
// Robusta leaves the finding's description out of the alert; here it is
// the description's first paragraph. Robusta gives DEBUG findings P3
// (above INFO's P5, the fallback of its map); here DEBUG is P5. Robusta
// writes blocks' text into HTML unescaped, so a "<none>" in a table cell
// vanishes; here all text is escaped. Details with an empty value (a pod's
// node before scheduling) are left out rather than sent as null. Robusta
// logs and drops a failed create; here it is retried and returned.
//
// # Delivery
//
// Every request goes through runtime/sink/httpapi with the header
// "Authorization: GenieKey <api_key>": 429 (Opsgenie's rate limit) and
// 5xx are retried with backoff, other 4xx (a bad key, an invalid alert)
// fail at once, and the key is never logged. Opsgenie answers 202 and
// processes the request later; its requestId is not polled. host points
// the sink at the EU instance (https://api.eu.opsgenie.com) or a test
// server. The official Go SDK is not used: it waits out rate limits on
// the real clock inside its own retry loop, out of the engine's reach.
package opsgenie

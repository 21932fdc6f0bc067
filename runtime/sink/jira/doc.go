// Package jira implements jira_sink: a Jira issue for each finding,
// through Jira Cloud's REST API v3 (developer.atlassian.com/cloud/jira/
// platform/rest/v3), authenticated with the account's email and an API
// token (basic auth).
//
// # Issues
//
// The finding's dedups attributes (its fingerprint by default) become the
// issue's labels, and the newest issue of the project with all of them
// (POST /rest/api/3/search/jql, the endpoint that replaced the deprecated
// /search; Robusta reads its answer's "total", which the new endpoint no
// longer sends, and so never finds an issue again) decides what is done,
// by Robusta's rules (see Write): create, update, move to done and
// comment on resolution (sendResolved), reopen on a new firing
// (reopenIssues), or leave alone (noReopenResolution). Transitions are
// found by the status they lead to, as Robusta does (GET then POST
// .../transitions). That search is eventually consistent (an issue
// created seconds ago may be missing from it): the ids of the last 50
// issues the sink created or changed go with it as reconcileIssues, which
// Jira answers consistently for, so a quick repeat updates the issue its
// firing opened instead of opening a second one.
//
// An issue is created (POST /rest/api/3/issue) with summary the title,
// description the finding in Atlassian Document Format, the labels, the
// mapped priority, the project and issue type (looked up by name at the
// first write and kept, or given as ids), and with assignee and epic
// (parent) when set: Robusta sets those two on updates only. The
// description holds the finding's links and its subject's runbook_url,
// the description, then each enrichment: its title a heading, markdown
// (Slack's mrkdwn, converted through runtime/sink/chat) as text with
// strong, em, strike, code and link marks, headers as headings, lists as
// bullet lists, tables as ADF tables (Robusta sends them as code blocks),
// JSON and diffs as code blocks (json, diff), dividers as rules. What does
// not fit in Jira's 32,767 characters is left out whole, with a note.
// Files are attached (POST .../attachments, X-Atlassian-Token: no-check)
// after the create, and named in the description.
//
// # Deviations from Robusta
//
// Besides those above: the rules apply to every finding, not only to
// Prometheus alerts, so that dedups deduplicates; an unknown dedups
// attribute or priority_mapping severity is an error at load, not a
// silent no-op; labels have their whitespace replaced by _ (Jira refuses a
// label with a space); the search is limited to the sink's project; a
// priority the project's scheme lacks (Robusta's default Critical and
// Minor are not in Jira Cloud's default scheme) creates the issue without
// a priority and logs a warning, where Robusta's create fails; and a
// failed project or issue type lookup is retried at the next write, where
// Robusta turns the sink off until restarted.
//
// # Delivery
//
// Every request goes through runtime/sink/httpapi: 429 (Jira's rate limit,
// with Retry-After) and 5xx are retried, other 4xx fail at once, the
// credentials are never logged. Writes of findings with the same labels
// are serialised, so two at once do not both create an issue. No Go
// client is used: andygrunwald/go-jira's released line speaks API v2,
// whose bodies are wiki markup rather than ADF, and its search is the
// deprecated one.
package jira

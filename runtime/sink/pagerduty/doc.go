// Package pagerduty implements pagerduty_sink: findings sent to PagerDuty's
// Events API v2 (developer.pagerduty.com/docs/events-api-v2).
//
// # Alerts
//
// A finding becomes an alert event: event_action trigger, or resolve when
// the finding is resolved (its title starts with "[RESOLVED]", as Robusta
// checks, or it has an EndsAt, as an Alertmanager resolution gives), with
// dedup_key the finding's fingerprint, so that the resolution of an alert
// resolves the incident its firing opened and repeats of a firing alert
// join one alert. The payload is Robusta's: summary the title (cut to
// PagerDuty's 1,024 characters), severity HIGH critical, LOW warning, INFO
// and DEBUG info, source the cluster name, component the subject
// (namespace/kind/name), group its namespace/Kind/name, class the
// aggregation key, and custom_details with Robusta's keys (Resource,
// Cluster running Robusta, Namespace, Node, Source of the Alert, Severity,
// Fingerprint ID, Description, Caption) and state_message, the description
// and every block as text: tables aligned, lists one item a line, JSON
// indented, diffs "path: old -> new", a file as its name and size (the
// Events API takes no files). Links blocks and the finding's links become
// the event's links. A resolve event carries only the routing key, the
// action and the dedup_key: PagerDuty ignores a resolve's payload.
//
// # Change events
//
// A configuration-change finding (api.TypeConfigChange, which
// resource_babysitter makes) goes to /v2/change/enqueue instead, as
// Robusta does: one change event per Kubernetes diff block, summarised
// "Deployment prod/web updated in cluster prod-eu (2 changes)", with the
// changed paths as "Change N" details. Robusta sends nothing for such a
// finding without a diff block; here it sends one change event with the
// title, so that no finding is dropped unseen.
//
// # Delivery
//
// Every request goes through runtime/sink/httpapi: 429 (PagerDuty's
// throttle answer), 5xx and connection errors are retried with backoff,
// a Retry-After is honoured (capped at a minute), other 4xx (an invalid
// event, a bad routing key) fail at once. The routing key travels in the
// body only and is never logged. api_url points the sink at another
// Events API host (events.eu.pagerduty.com) or a test server.
//
// The official client, github.com/PagerDuty/go-pagerduty, was weighed and
// left out: its last release is of January 2024; its Events API calls drop
// the response (no Retry-After), format transport errors with %v (no error
// chain to classify) and parse error bodies in the REST API's shape, not
// the Events API's, so their message is lost; and it adds a module whose
// go.mod pulls twenty more into the graph for two JSON POSTs.
package pagerduty

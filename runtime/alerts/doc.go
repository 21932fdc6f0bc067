// Package alerts receives Alertmanager's webhook and turns every alert into
// an on_prometheus_alert event.
//
// Design notes:
//
//   - Wire format: Alertmanager's webhook version "4" (and Grafana's "1",
//     the same alert shape). Unknown fields are ignored, so Grafana's extras
//     (orgId, silenceURL, values, ...) pass. The alert name is the alertname
//     label.
//   - A batch is validated as a whole before anything runs: bad JSON, a
//     missing version or alerts, an unsupported version, or an alert without
//     alertname or with an unknown status get 400 with the reason; a body
//     over the size limit gets 413. Alertmanager does not retry 4xx, which is
//     right: the same body would fail again.
//   - Idempotence: Alertmanager re-sends every repeat_interval and HA peers
//     double-send, so an alert is keyed by (fingerprint, status, startsAt,
//     endsAt), as Robusta does, and a key seen within the TTL (default 2h,
//     at most 100,000 keys, oldest evicted first) is skipped. The key is
//     claimed before the alert runs, so two concurrent deliveries run it
//     once, and released when it could not be queued, so a retry runs it.
//   - Failures a retry can fix get 5xx, which Alertmanager retries: the
//     engine refusing the event (stopping, or the request gone) → 503; the
//     API server failing while resolving objects → 503. Alerts of the batch
//     already queued stay claimed, so the retry runs only the rest.
//   - Resolution: objects named by labels are read with a Get each (pod from
//     pod+namespace, node from node or else instance as Robusta: not for
//     job=kube-state-metrics, and an IP, with or without port, is the node
//     of that address, found with one node List,
//     deployment, daemonset, statefulset from the same-named labels, job
//     from job_name). NotFound means nil, as does Forbidden (a retry cannot
//     fix RBAC; logged once per alert so the gap is visible); any other
//     error fails the request with 503.
//   - Backpressure: events are queued with the request's context, so a full
//     engine queue holds the request until there is room or Alertmanager
//     gives up (its timeout → retry; the claim is released).
//   - alertRelabel rules run on each alert's labels first, so that
//     deduplication, the triggers and the resolution see the relabelled
//     alert, as in Robusta. Each event gets the cluster provider (detected
//     once by the runner, runtime/providers) for k8s_providers and
//     custom_severity_map for its finding's severity.
//   - Optional bearer token, compared in constant time; 401 otherwise.
package alerts

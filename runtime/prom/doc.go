// Package prom is the runner's Prometheus client: api.Prometheus on top of
// Prometheus' own Go client (client_golang's api and api/prometheus/v1),
// configured as Robusta configures prometrix from PrometheusParams.
//
//   - prometheus_url: the server; http:// is added when it has no scheme.
//   - prometheus_auth: the Authorization header of every request.
//   - prometheus_additional_headers: more headers on every request.
//   - prometheus_url_query_string: appended to every request's URL (a
//     leading ? dropped), as Robusta does for managed Prometheus services
//     that take a tenant or API key in the query string.
//   - prometheus_additional_labels: matchers added to every selector of a
//     query (AddLabels), unless add_additional_labels is false.
//
// Connector is the api.PrometheusConnector the runner gives the engine. An
// action's params already hold globalConfig's values for the keys they
// leave out (config merges globalConfig as Robusta does), so the connector
// builds one client per distinct setting and caches it.
//
// Unlike Robusta, the connector does not send globalConfig's credentials
// (prometheus_auth, prometheus_additional_headers) to a server other than
// globalConfig's prometheus_url: an action's prometheus_url (or a manual
// trigger's action_params) naming another host gets an error unless it
// sets its own credentials. Robusta sends them anywhere, which lets
// whoever can set a URL collect the token. Nor does it discover a
// Prometheus in the cluster when prometheus_url is unset: an action then
// reports "not configured" (api.PrometheusFor).
package prom

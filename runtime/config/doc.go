// Package config loads the runner's values file (Contract 3) and checks all
// of it before anything runs.
//
// # Why everything at once
//
// Robusta checks a values file in pieces: pydantic at load for some types,
// action params only when the action first runs, unknown params never, and
// unknown on_prometheus_alert filters are silently ignored so that the
// trigger matches every alert. A typo is found in production, one at a time.
// Load instead resolves every name, validates every params document against
// its schema, compiles every filter and binds every action, and reports
// every problem it finds in one ErrorList, sorted by position, one
// "FILE:line:col: message" per line, so that robusta-gen validate, the
// runner at start and an editor all say the same thing.
//
// # Positions
//
// The file is parsed with gopkg.in/yaml.v3 into a node tree and every check
// works on nodes, so each problem points at the most precise node: the key
// of an unknown key, the value of a bad value, the action's name for a
// missing required param. Params are converted from nodes to JSON values
// (yamljson.go: tags honoured, aliases and merge keys expanded, what JSON
// cannot hold reported) for the schema validator; its errors carry JSON
// paths, which locate walks back to nodes. A value filled in from
// globalConfig is reported where globalConfig sets it.
//
// # What is checked
//
//   - Top-level keys: the runner's, plus the Helm chart's own (ChartKeys),
//     which are ignored. Anything else is unknown, with the closest name
//     suggested by edit distance, as for every name below.
//   - Playbooks, in the Helm chart's order: priorityBuiltinPlaybooks,
//     customPlaybooks, namedCustomPlaybooks (by key), builtinPlaybooks, then
//     platformPlaybooks when enablePlatformPlaybooks is true. A playbook whose
//     name is in disabledPlaybooks is dropped before it is checked, as Helm
//     never renders it; so are platform playbooks while disabled. That lets a
//     user turn off a built-in playbook this build cannot run.
//   - alertRelabel (Config.Alerts.Relabel, alertrelabel.go): each entry
//     needs source and target; operation is add (the default) or replace.
//     globalConfig.custom_severity_map's values are DEBUG, INFO, LOW, MEDIUM
//     or HIGH in any case; its keys are lowercased, because the severity
//     label is looked up lowercased (Robusta's mixed-case keys never match).
//   - customResources (Config.CustomResources, customresources.go), read
//     before the playbooks: each entry needs group, version and resource,
//     named by the API server's rules (a DNS subdomain, DNS labels), kind is
//     optional; a duplicate, or an entry naming a built-in kind, is an
//     error. on_kubernetes_resource_operation's resources may then name
//     them (trigger.WithCustomResources). Whether the API server serves
//     them is checked when the runner starts (kube.NewDynamicSource).
//   - Triggers: the name, the filters against the schema of the trigger's
//     params type (unknown filters are errors, on_prometheus_alert
//     included), then trigger.Compile (label selectors, scope regexes, the
//     schedule's single form).
//   - Actions: the name; params completed from globalConfig (keys that are
//     properties of the action's schema, as Robusta merges them) and then
//     from the schema's defaults, validated, and bound with the action's Bind.
//     Each action must take the event of each trigger of its playbook: the
//     registry's trigger list and the action's own type assertion, on a zero
//     event of the trigger's concrete type, must both agree.
//   - Sinks: the type, the params against the type's schema, unique names,
//     the scope; a playbook's sinks must name defined sinks.
//   - {{ env.NAME }} is substituted in every string of globalConfig,
//     sinksConfig and action params; an unset variable is an error at its
//     string.
//
// Later checks run even when earlier ones failed wherever their input is
// still meaningful (a trigger's filters are compiled after an unknown
// filter was reported), but a problem already reported at a path is not
// reported again by a later check.
//
// # Departures from Robusta
//
//   - namedCustomPlaybooks load even when customPlaybooks is empty (Helm
//     nests them inside customPlaybooks' if, an accident).
//   - An action written without params ("- logs_enricher:") takes its
//     defaults; Robusta crashes on the null.
//   - "sinks: []" means no sinks; only an absent or null list means the
//     default sinks.
//   - YAML mapping keys must be strings; a key like 200 is an error, not
//     silently turned into "200".
package config

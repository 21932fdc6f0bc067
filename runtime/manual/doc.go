// Package manual is the manual trigger: POST /api/trigger runs one action,
// by name, on an object of the cluster (or on nothing), and answers with
// its findings. It is Robusta's /api/trigger.
//
// Request (JSON):
//
//	{"action_name": "echo", "action_params": {"message": "hi"},
//	 "kind": "pod", "name": "web-1", "namespace": "default",
//	 "sinks": ["main"], "no_sinks": false}
//
// kind is a kind of the kinds table, matched without regard to case by
// its name ("Pod"), trigger name ("pod") or resource ("pods"); without it
// the action runs on a bare event. namespace is required for namespaced
// kinds and ignored for the others. sinks names the sinks to send the
// findings to (default: the default sinks); no_sinks sends them nowhere.
//
// Answers: 200 {"findings": [...]} with the api.Finding JSON the sinks get;
// 400 {"error": ..., "errors": [...]} for a body that is not such a
// document, an unknown action or sink (with the closest name), invalid
// params (every problem, as the config loader words them) or an action
// whose event cannot be built; 401 without the bearer token; 403 when the
// runner has no token at all, for an action that is not allowed, or for a
// Secret; 404 when the object does not exist; 500 with the findings made
// so far when the action fails; 502 when the API server fails; 503 while
// the runner shuts down.
//
// Design notes:
//
//   - Closed by default. Without a token the endpoint answers 403 to
//     everything: a token-less trigger let any pod that reaches the
//     Service run any compiled-in action on any object. With one, only
//     the actions of the loaded config and of --trigger-allow-actions run
//     (AllowedActions): a token holder cannot reach an action the operator
//     never configured, such as pod_bash_enricher. A Secret is never a
//     subject: it is refused before any read, and there is no getter for
//     it, so its data cannot reach a finding this way.
//   - Every request is logged ("manual run": the connection's remote
//     address, action, object, status, outcome) and counted in
//     robusta_manual_runs_total by action and outcome; actions that are
//     not allowed are counted as "other", so that callers cannot add
//     series.
//   - Params are checked by config.BindParams, the loader's own code:
//     globalConfig, then schema defaults, then the schema, every problem
//     reported. {{ env.X }} is not expanded in request params, so that a
//     caller cannot read the runner's environment.
//   - The event: Robusta builds a <Kind>Event from the object. Here the
//     kind's <Kind>ChangeEvent is built (the only concrete event of a
//     kind) with Obj set, OldObj nil and Operation "", since nothing
//     changed; so an action taking api.<Kind>Event, api.KubernetesResourceEvent
//     or api.ExecutionEvent runs as in Robusta. Actions taking a change
//     (api.<Kind>ChangeEvent, api.KubernetesAnyChangeEvent), an alert or a
//     schedule are refused with the reason, as are kind-specific actions
//     given another kind or none, whatever their Accepts says.
//   - The finding enrichments start from is a manual one ("Manual run of
//     echo on Pod default/web-1", source manual) instead of the change
//     event's "Update to ..."; it is dropped when the action adds nothing.
//   - Objects are read with the typed clientset, one Get per request (no
//     informer cache: a manual run wants the current object).
//   - The action runs on one of the engine's workers (engine.Pool's
//     RunAction), with the engine's action timeout, keyed by its object
//     like that object's events: --workers bounds manual runs too, and a
//     burst of requests cannot run actions beside every worker. The runner
//     also bounds the requests in flight (--max-concurrent-triggers, 429).
package manual

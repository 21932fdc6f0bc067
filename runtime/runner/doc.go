// Package runner is the runner's main: flags, config, cluster connection,
// engine, informers, HTTP endpoints, leader election and shutdown. The
// stock runner (cmd/robusta-runner) and every runner robusta-gen build
// writes call Main with their playbook packages' generated definitions,
// listed explicitly: there is no registration by import side effect.
//
// Lifecycle: the config is loaded and checked before anything connects, so a
// bad values file fails fast with every problem listed. Then the parts
// start in order (engine and sinks, workers, HTTP, intake) and one shutdown
// method stops whichever of them started, so that an early error (the
// listen address taken, the scheduler's state unreadable) drains and closes
// the sinks as SIGTERM does. On SIGTERM or SIGINT intake stops (informers
// and HTTP), queued and in-flight actions get the grace period to finish,
// sinks are flushed and closed, and Run returns nil: a clean exit 0 for
// Kubernetes.
//
// Leader election (--leader-elect, for replicas > 1): every replica serves
// HTTP at once and is alive, but only the holder of a Lease runs informers
// and schedules, and only it is ready, so that the Service sends
// Alertmanager's webhooks to it alone; the others answer the API with 503,
// which Alertmanager retries. Two replicas must never run the same
// playbooks (two Slack messages per crash loop), so a leader that fails to
// renew does not try to win the Lease back: it drains, flushes its sinks and
// exits non-zero, and Kubernetes restarts it as a candidate, which is what
// controller-runtime does. A leader that is stopped hands the Lease over as
// soon as its intake has stopped, without waiting for the lease to expire.
//
// HTTP: the API (POST /api/alerts, /api/trigger) is served on --listen and
// the probes and /metrics on --metrics-listen, so that a NetworkPolicy can
// admit Alertmanager to one port and Prometheus to the other. Both are
// closed by default: /api/trigger answers 403 without a token, and
// /api/alerts without one unless --alerts-allow-unauthenticated says so.
// Every server has read, write and idle timeouts and a header limit, each
// API endpoint a bound on requests in flight (503 or 429 with
// Retry-After beyond it), and shutdown gives the HTTP phase, the drain and
// the sinks' flush a budget each.
//
// Hot reload (reload.go): a change in the config file's directory (a
// ConfigMap's ..data symlink swap) or SIGHUP (WithReloadSignal) reloads the
// config on wait's goroutine, so a reload never races the start of intake.
// A valid config is swapped in between inputs (engine.Pool.Swap), keeping
// rate limits, unchanged sinks and, when the schedules are the same, the
// scheduler; an invalid one is refused and counted, and the old one runs
// on. A follower reloads too, and starts intake with what it has loaded.
// A recording spans reloads, but a replay runs it on one config.
//
// --record FILE puts a recorder (package record) at the four doors inputs
// enter the engine by (informers, alerts, schedules, manual runs) and
// around the cluster the actions use, and `robusta-runner replay` (Replay)
// runs such a file through the same engine offline: robusta-gen replay
// builds a bundle's runner and runs it so.
//
// --version prints the build and the actions compiled in, as one JSON line,
// without a config: how an operator tells which playbooks an image runs.
package runner

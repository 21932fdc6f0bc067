// Package runner is the runner's main: flags, config, cluster connection,
// engine, informers, HTTP endpoints and shutdown. The stock runner
// (cmd/robusta-runner) and every runner robusta-gen build writes call Main
// with their playbook packages' generated definitions, listed explicitly:
// there is no registration by import side effect.
//
// Lifecycle: the config is loaded and checked before anything connects, so a
// bad values file fails fast with every problem listed. On SIGTERM or
// SIGINT intake stops (informers and HTTP), queued and in-flight actions get
// the grace period to finish, sinks are flushed and closed, and Run returns
// nil: a clean exit 0 for Kubernetes.
package runner

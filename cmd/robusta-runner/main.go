// Command robusta-runner is the stock runner: the runtime with the built-in
// playbooks. Runners with more playbooks are built by robusta-gen build.
//
//	robusta-runner --config values.yaml [--kubeconfig FILE] [--listen :5000] [--record FILE]
//	robusta-runner replay --events FILE --config values.yaml [--json]
package main

import (
	// The runner image has no base layer, so no /etc/ssl/certs: the
	// fallback package compiles Mozilla's CA roots into the binary and Go's
	// crypto/x509 uses them when the system has none, so HTTPS to Slack
	// works. It is the documented way (see its package doc) to do this,
	// and importing it here pins its version in this module's go.mod for
	// the runners robusta-gen build generates.
	_ "golang.org/x/crypto/x509roots/fallback"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/runner"
)

func main() {
	runner.Main(playbooks.Actions)
}

// Command robusta-runner is the stock runner: the runtime with the built-in
// playbooks. Runners with more playbooks are built by robusta-gen build.
//
//	robusta-runner --config values.yaml [--kubeconfig FILE] [--listen :5000]
package main

import (
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/runner"
)

func main() {
	runner.Main(playbooks.Actions)
}

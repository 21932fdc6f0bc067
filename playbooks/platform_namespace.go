package playbooks

import (
	"os"
	"strings"
)

// serviceAccountNamespaceFile is where a pod finds its namespace.
const serviceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace"

// runnerNamespace is where actions put the pods and jobs they start
// (Robusta's INSTALLATION_NAMESPACE): $POD_NAMESPACE, which the chart
// sets, else the pod's namespace file, else "default". The runner's
// --namespace flag is the runner's own and does not reach actions.
func runnerNamespace() string {
	if ns := os.Getenv("POD_NAMESPACE"); ns != "" {
		return ns
	}
	if b, err := os.ReadFile(serviceAccountNamespaceFile); err == nil {
		if ns := strings.TrimSpace(string(b)); ns != "" {
			return ns
		}
	}
	return "default"
}

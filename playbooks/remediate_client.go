package playbooks

import (
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
)

// writeClient is the typed client the write actions use: the runner's
// own, so what they may do is what the chart's ClusterRole grants for
// them (their rules are inferred from the calls below, and ACTIONS.md
// marks them as writing).
func writeClient(event api.ExecutionEvent) (kubernetes.Interface, error) {
	c := event.Execution().Cluster()
	if c == nil {
		return nil, api.ErrNoCluster
	}
	return c.Kubernetes(), nil
}

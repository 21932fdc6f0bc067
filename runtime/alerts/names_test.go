package alerts

import (
	"context"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// Labels that cannot name an object count as not found, on a real API
// server: they never fail the alert (and with it the batch).
func TestResolveInvalidNamesAreNotFound(t *testing.T) {
	env := kubetest.Start(t)
	r := KubeResolver{Client: env.Client}
	for _, labels := range []map[string]string{
		{"instance": "https://api.example.com:8443/healthz"},
		{"namespace": "default", "pod": "a/b"},
		{"namespace": "Not A Namespace", "deployment": "web"},
		{"namespace": "default", "job_name": ".."},
	} {
		ev := &api.PrometheusAlertEvent{Alert: api.Alert{Name: "X", Labels: labels}}
		if err := r.Resolve(context.Background(), ev); err != nil {
			t.Errorf("%v: %v", labels, err)
		}
	}
}

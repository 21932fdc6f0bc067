package apitest

import (
	"context"
	"testing"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
)

// Alert builds the event on_prometheus_alert gives an action for a, with
// the objects its labels name (pod, node, deployment, ...) read from c by
// the runner's own resolver, so a test sees exactly what the runner would
// resolve. A missing Name is taken from the alertname label and the other
// way round, as Alertmanager always sends both; Status defaults to firing.
func Alert(t testing.TB, c *Cluster, a api.Alert) *api.PrometheusAlertEvent {
	t.Helper()
	if a.Labels == nil {
		a.Labels = map[string]string{}
	}
	switch {
	case a.Name == "":
		a.Name = a.Labels["alertname"]
	case a.Labels["alertname"] == "":
		a.Labels["alertname"] = a.Name
	}
	if a.Name == "" {
		t.Fatalf("apitest.Alert: the alert has no name (Name or the alertname label)")
	}
	if a.Status == "" {
		a.Status = "firing"
	}
	ev := &api.PrometheusAlertEvent{Alert: a}
	if c == nil {
		return ev
	}
	ev.Execution().SetCluster(c)
	r := alerts.KubeResolver{Client: c.Kubernetes()}
	if err := r.Resolve(context.Background(), ev); err != nil {
		t.Fatalf("apitest.Alert: resolving the alert's objects: %v", err)
	}
	return ev
}

package alerts_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
)

// oneAlert is a webhook body with one alert of these labels and no
// fingerprint, so that deduplication keys on the labels.
func oneAlert(labels string) string {
	return fmt.Sprintf(`{"version":"4","status":"firing","alerts":[{"status":"firing","labels":%s,"startsAt":"2026-01-02T03:04:05Z"}]}`, labels)
}

// TestRelabel: alertRelabel's rules run in order on each alert before the
// playbooks see it: add keeps the source, replace removes it, a missing
// source does nothing; the severity map and the provider reach the event.
func TestRelabel(t *testing.T) {
	rec := &recorder{}
	var wanted []map[string]string
	h := alerts.NewHandler(rec, alerts.Options{
		Relabel: []alerts.Relabel{
			{Source: "pod_name", Target: "pod"},
			{Source: "deployment_name", Target: "deployment", Replace: true},
			{Source: "absent", Target: "pod"},
			{Source: "pod", Target: "pod", Replace: true}, // Robusta would delete pod here
		},
		SeverityMap: map[string]api.Severity{"p1": api.SeverityHigh},
		Provider:    "Kind",
		Wants:       func(a *api.Alert) bool { wanted = append(wanted, a.Labels); return true },
	})
	code, body := post(t, h, oneAlert(`{"alertname":"A","pod_name":"web-1","deployment_name":"web","severity":"P1"}`))
	if code != http.StatusOK {
		t.Fatalf("%d %s", code, body)
	}
	want := map[string]string{"alertname": "A", "pod_name": "web-1", "pod": "web-1", "deployment": "web", "severity": "P1"}
	if diff := cmp.Diff(want, rec.alerts()[0].Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]map[string]string{want}, wanted); diff != "" {
		t.Errorf("Wants saw (-want +got):\n%s", diff)
	}
	ev := rec.events[0]
	if ev.Alert.ClusterProvider != "Kind" || ev.DefaultFinding().Severity != api.SeverityHigh {
		t.Errorf("provider %q, severity %v; want Kind, HIGH", ev.Alert.ClusterProvider, ev.DefaultFinding().Severity)
	}
}

// TestRelabelBeforeDedup: two deliveries whose labels differ only in what
// a replace rule removes are one alert, as in Robusta, which relabels
// before it hashes.
func TestRelabelBeforeDedup(t *testing.T) {
	rec := &recorder{}
	h := alerts.NewHandler(rec, alerts.Options{Relabel: []alerts.Relabel{{Source: "kube_pod", Target: "pod", Replace: true}}})
	for _, labels := range []string{`{"alertname":"A","kube_pod":"web-1"}`, `{"alertname":"A","pod":"web-1"}`} {
		if code, body := post(t, h, oneAlert(labels)); code != http.StatusOK {
			t.Fatalf("%d %s", code, body)
		}
	}
	if n := len(rec.alerts()); n != 1 {
		t.Errorf("%d alerts submitted, want 1: the relabelled delivery repeats the first", n)
	}
	if got := rec.alerts()[0].Labels; !strings.EqualFold(got["pod"], "web-1") || got["kube_pod"] != "" {
		t.Errorf("labels %v, want pod=web-1 without kube_pod", got)
	}
}

package trigger

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
)

// TestAlertK8sProviders: with k8s_providers, an alert fires only on a
// cluster of a listed provider, compared ignoring case; an undetected
// provider is Unknown; without the filter every provider fires.
func TestAlertK8sProviders(t *testing.T) {
	mini := compile(t, "on_prometheus_alert", `{"status":"all","k8s_providers":["Minikube","Kind","RancherDesktop"]}`)
	any := compile(t, "on_prometheus_alert", `{"status":"all"}`)
	lower := compile(t, "on_prometheus_alert", `{"k8s_providers":["gke"]}`)
	for _, tc := range []struct {
		provider         string
		mini, any, lower bool
	}{
		{"Kind", true, true, false},
		{"RancherDesktop", true, true, false},
		{"GKE", false, true, true},
		{"Unknown", false, true, false},
		{"", false, true, false},
	} {
		a := &api.Alert{Name: "Watchdog", Status: "firing", ClusterProvider: tc.provider}
		if got := mini.MatchAlert(a); got != tc.mini {
			t.Errorf("mini clusters on %q: %v, want %v", tc.provider, got, tc.mini)
		}
		if got := any.MatchAlert(a); got != tc.any {
			t.Errorf("no k8s_providers on %q: %v, want %v", tc.provider, got, tc.any)
		}
		if got := lower.MatchAlert(a); got != tc.lower {
			t.Errorf("[gke] on %q: %v, want %v", tc.provider, got, tc.lower)
		}
	}
}

// TestAlertK8sProvidersUnknownName: a name that is no provider is refused
// at its list index, naming the valid ones.
func TestAlertK8sProvidersUnknownName(t *testing.T) {
	s, _ := Lookup("on_prometheus_alert")
	_, err := Compile(s, []byte(`{"k8s_providers":["GKE","OpenShift"]}`))
	var pe *PathError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v, want a *PathError", err)
	}
	if diff := cmp.Diff([]string{"k8s_providers", "1"}, pe.Path); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
	if !strings.Contains(err.Error(), `unknown provider "OpenShift"`) || !strings.Contains(err.Error(), `"DigitalOcean"`) {
		t.Errorf("message %q should name the bad provider and the valid ones", err)
	}
}

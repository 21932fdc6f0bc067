package slack

import (
	"context"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

func TestChannelOverride(t *testing.T) {
	subject := api.Subject{
		Labels:      map[string]string{"env": "prod", "team": "payments", "app.kubernetes.io/name": "web", "empty": ""},
		Annotations: map[string]string{"kubernetes.io/service-name": "checkout", "slack": "#pay-alerts"},
	}
	for _, tc := range []struct {
		override, cluster, want string
	}{
		{"", "prod-eu", "alerts"},
		{"cluster_name", "prod-eu", "prod-eu"},
		{"cluster_name", "", "alerts"}, // no cluster name: fall back
		{"labels.team", "prod-eu", "payments"},
		{"annotations.slack", "prod-eu", "#pay-alerts"},
		{"annotations.kubernetes.io/service-name", "prod-eu", "checkout"},
		{"$cluster_name-alerts-$labels.env", "prod-eu", "prod-eu-alerts-prod"},
		{"${annotations.kubernetes.io/service-name}-oncall", "prod-eu", "checkout-oncall"},
		{"${cluster_name}_${labels.team}", "prod-eu", "prod-eu_payments"},
		{"$labels.app_kubernetes_io_name-alerts", "prod-eu", "web-alerts"}, // Robusta's normalized keys
		{"labels.missing", "prod-eu", "alerts"},
		{"$cluster_name-$labels.missing", "prod-eu", "alerts"},
		{"${annotations.nope}", "prod-eu", "alerts"},
		{"labels.empty", "prod-eu", "alerts"}, // resolves to nothing
	} {
		s, err := New(Params{Common: sink.Common{Name: "team"}, SlackChannel: "alerts", APIKey: "xoxb-x", ChannelOverride: tc.override}, sink.Global{ClusterName: tc.cluster})
		if err != nil {
			t.Fatalf("%q: %v", tc.override, err)
		}
		if got := s.channelFor(&api.Finding{Subject: subject}); got != tc.want {
			t.Errorf("channel_override %q (cluster %q) = %q, want %q", tc.override, tc.cluster, got, tc.want)
		}
	}
}

func TestChannelOverrideRejected(t *testing.T) {
	for _, bad := range []string{"alerts", "$name", "cluster", "#team-$env"} {
		if _, err := New(Params{SlackChannel: "alerts", APIKey: "xoxb-x", ChannelOverride: bad}, sink.Global{}); err == nil {
			t.Errorf("channel_override %q was accepted", bad)
		}
	}
}

func TestOverrideRoutesTheMessage(t *testing.T) {
	fs := newFakeSlack(t)
	s := testSink(t, fs, newFakeClock(), Params{ChannelOverride: "$cluster_name-$labels.team"}, nil)
	f := finding()
	f.Subject.Labels = map[string]string{"team": "db"}
	f.AddEnrichment(api.FileBlock("x.txt", []byte("x\n")))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if got := fs.posts[0].Get("channel"); got != "prod-eu-db" {
		t.Errorf("posted to %q", got)
	}
	if got := fs.completes[0].Get("channel_id"); got != "C-prod-eu-db" {
		t.Errorf("file shared to %q", got)
	}
}

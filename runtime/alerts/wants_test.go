package alerts_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
)

// countingResolver counts the alerts it was asked to resolve: each would
// be API reads.
type countingResolver struct{ n atomic.Int32 }

func (r *countingResolver) Resolve(context.Context, *api.PrometheusAlertEvent) error {
	r.n.Add(1)
	return nil
}

// TestAlertsNoPlaybookTakesAreNotResolved: an alert that matches no
// playbook is neither resolved (no GET) nor queued nor remembered.
func TestAlertsNoPlaybookTakesAreNotResolved(t *testing.T) {
	rec, res := &recorder{}, &countingResolver{}
	h := alerts.NewHandler(rec, alerts.Options{Resolver: res, Wants: func(a *api.Alert) bool { return a.Fingerprint == "wanted" }})
	code, body := post(t, h, message("firing", "wanted", "other"))
	if code != http.StatusOK || !strings.Contains(body, `"ignored":1`) {
		t.Fatalf("post: %d %s, want 200 with one ignored", code, body)
	}
	if n := res.n.Load(); n != 1 {
		t.Errorf("resolved %d alerts, want only the wanted one", n)
	}
	if got := rec.alerts(); len(got) != 1 || got[0].Fingerprint != "wanted" {
		t.Errorf("queued %v, want the wanted alert only", got)
	}
}

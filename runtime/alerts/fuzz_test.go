package alerts_test

import (
	"net/http"
	"testing"

	"github.com/robusta-go/robusta/runtime/alerts"
)

// FuzzWebhook posts arbitrary bodies to the webhook handler, the way any
// pod that reaches the API port can. The handler never panics and never
// answers a body with 5xx (a retry would only repeat it); a body it takes
// runs one event per alert, each named and firing or resolved; posting
// the same body again runs nothing more (the dedup keys are stable).
func FuzzWebhook(f *testing.F) {
	for _, seed := range []string{
		message("firing", "a1"),
		message("resolved", "a1", "b2"),
		grafana,
		`{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"X"}}]}`,
		`{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"X","instance":"https://api.example.com:8443/healthz"}}]}`,
		`{"version":"5","alerts":[]}`,
		`{"version":"4","alerts":[{"status":"pending","labels":{"alertname":"X"}}]}`,
		`{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"X"},"startsAt":"not a time"}]}`,
		`{}`, `[]`, `null`, ``, `{"version":4}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := &recorder{}
		h := alerts.NewHandler(rec, alerts.Options{MaxBody: 1 << 16})
		code, answer := post(t, h, string(body))
		switch code {
		case http.StatusOK:
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if len(rec.alerts()) != 0 {
				t.Fatalf("answered %d yet ran %d alerts", code, len(rec.alerts()))
			}
			return
		default:
			t.Fatalf("answered %d (%s) to a body", code, answer)
		}
		got := rec.alerts()
		if len(got) == 0 {
			t.Fatalf("took a body and ran no alert: %s", answer)
		}
		for _, a := range got {
			if a.Name == "" || a.Status != "firing" && a.Status != "resolved" {
				t.Fatalf("ran an alert the validator should have refused: %+v", a)
			}
		}
		if code, answer := post(t, h, string(body)); code != http.StatusOK || len(rec.alerts()) != len(got) {
			t.Fatalf("the same body again: %d %s, %d alerts run in all, want 200 and still %d", code, answer, len(rec.alerts()), len(got))
		}
	})
}

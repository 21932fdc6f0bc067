package alerts_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
)

// recorder is a Submitter that keeps the events, or fails with err.
type recorder struct {
	mu     sync.Mutex
	events []*api.PrometheusAlertEvent
	err    error
}

func (r *recorder) SubmitAlert(_ context.Context, ev *api.PrometheusAlertEvent) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	r.events = append(r.events, ev)
	return nil
}

func (r *recorder) alerts() []api.Alert {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []api.Alert
	for _, ev := range r.events {
		out = append(out, ev.Alert)
	}
	return out
}

// clock is a fake clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// post sends body and returns the status and the body of the answer.
func post(t *testing.T, h http.Handler, body string, header ...string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/alerts", strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	out, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(out)
}

// grafana is a Grafana webhook body: version 1 with extra fields.
const grafana = `{
  "receiver": "web\\.hook", "status": "firing", "orgId": 1, "version": "1", "groupKey": "{}:{}",
  "truncatedAlerts": 0, "title": "[FIRING:1]", "state": "alerting", "message": "m",
  "alerts": [{
    "status": "firing",
    "labels": {"alertname": "HighCPU", "namespace": "shop", "pod": "web-1", "severity": "warning"},
    "annotations": {"summary": "cpu high"},
    "startsAt": "2026-01-02T03:04:05Z", "endsAt": "0001-01-01T00:00:00Z",
    "generatorURL": "http://grafana/x", "fingerprint": "aaaa000011112222",
    "silenceURL": "http://grafana/s", "dashboardURL": "", "panelURL": "",
    "values": {"B": 97.5}, "valueString": "[ var='B' value=97.5 ]"
  }],
  "groupLabels": {}, "commonLabels": {"alertname": "HighCPU"}, "commonAnnotations": {},
  "externalURL": "http://grafana/"
}`

// message is an Alertmanager body with one alert per fingerprint, each
// firing since start.
func message(status string, fingerprints ...string) string {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	m := map[string]any{
		"version": "4", "groupKey": "{}:{alertname=\"PodDown\"}", "status": status, "receiver": "robusta",
		"groupLabels": map[string]string{"alertname": "PodDown"}, "commonLabels": map[string]string{},
		"commonAnnotations": map[string]string{}, "externalURL": "http://am:9093",
	}
	var as []map[string]any
	for _, fp := range fingerprints {
		a := map[string]any{
			"status": status, "labels": map[string]string{"alertname": "PodDown", "pod": "p-" + fp, "namespace": "ns"},
			"annotations": map[string]string{"summary": "down"}, "startsAt": start, "endsAt": time.Time{},
			"generatorURL": "http://prom/graph", "fingerprint": fp,
		}
		if status == "resolved" {
			a["endsAt"] = start.Add(time.Hour)
		}
		as = append(as, a)
	}
	m["alerts"] = as
	b, _ := json.Marshal(m)
	return string(b)
}

func TestOneEventPerAlert(t *testing.T) {
	var r recorder
	h := alerts.NewHandler(&r, alerts.Options{})
	code, body := post(t, h, message("firing", "f1", "f2", "f3"))
	if code != http.StatusOK {
		t.Fatalf("status %d %q, want 200", code, body)
	}
	var res alerts.Result
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(alerts.Result{Received: 3, Submitted: 3}, res); d != "" {
		t.Errorf("result (-want +got):\n%s", d)
	}
	var names, pods []string
	for _, a := range r.alerts() {
		names = append(names, a.Name)
		pods = append(pods, a.Labels["pod"])
	}
	if d := cmp.Diff([]string{"PodDown", "PodDown", "PodDown"}, names); d != "" {
		t.Errorf("names (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"p-f1", "p-f2", "p-f3"}, pods); d != "" {
		t.Errorf("pods (-want +got):\n%s", d)
	}
}

func TestUnknownFieldsTolerated(t *testing.T) {
	var r recorder
	h := alerts.NewHandler(&r, alerts.Options{})
	if code, body := post(t, h, grafana); code != http.StatusOK {
		t.Fatalf("status %d %q, want 200", code, body)
	}
	want := []api.Alert{{
		Name: "HighCPU", Status: "firing",
		Labels:       map[string]string{"alertname": "HighCPU", "namespace": "shop", "pod": "web-1", "severity": "warning"},
		Annotations:  map[string]string{"summary": "cpu high"},
		StartsAt:     time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		GeneratorURL: "http://grafana/x", Fingerprint: "aaaa000011112222",
	}}
	if d := cmp.Diff(want, r.alerts()); d != "" {
		t.Errorf("alerts (-want +got):\n%s", d)
	}
}

func TestMalformed(t *testing.T) {
	cases := []struct {
		name, body string
		code       int
		reason     string
	}{
		{"not JSON", "{", 400, "invalid JSON"},
		{"wrong type", `{"version": "4", "alerts": {}}`, 400, "invalid JSON"},
		{"no version", `{"alerts": [{"status": "firing", "labels": {"alertname": "A"}}]}`, 400, "missing version"},
		{"bad version", `{"version": "3", "alerts": [{"status": "firing", "labels": {"alertname": "A"}}]}`, 400, `unsupported version "3"`},
		{"no alerts", `{"version": "4"}`, 400, "missing alerts"},
		{"empty alerts", `{"version": "4", "alerts": []}`, 400, "missing alerts"},
		{"no alertname", `{"version": "4", "alerts": [{"status": "firing", "labels": {"a": "b"}}]}`, 400, "alerts[0] has no alertname"},
		{"bad status", `{"version": "4", "alerts": [{"status": "firing", "labels": {"alertname": "A"}}, {"status": "ok", "labels": {"alertname": "A"}}]}`, 400, `alerts[1] status "ok"`},
		{"too large", `{"version": "4", "pad": "` + strings.Repeat("x", 2048) + `"}`, 413, "larger than 1024 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			h := alerts.NewHandler(&r, alerts.Options{MaxBody: 1024})
			code, body := post(t, h, tc.body)
			if code != tc.code || !strings.Contains(body, tc.reason) {
				t.Errorf("got %d %q, want %d containing %q", code, body, tc.code, tc.reason)
			}
			if n := len(r.alerts()); n != 0 {
				t.Errorf("%d events submitted, want none", n)
			}
		})
	}
}

func TestMethod(t *testing.T) {
	h := alerts.NewHandler(&recorder{}, alerts.Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/alerts", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", rec.Code)
	}
}

func TestToken(t *testing.T) {
	cases := []struct {
		name   string
		header []string
		code   int
	}{
		{"none", nil, 401},
		{"wrong", []string{"Authorization", "Bearer nope"}, 401},
		{"prefix", []string{"Authorization", "Bearer s3cre"}, 401},
		{"basic", []string{"Authorization", "Basic czNjcmV0"}, 401},
		{"right", []string{"Authorization", "Bearer s3cret"}, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			h := alerts.NewHandler(&r, alerts.Options{Token: "s3cret"})
			code, body := post(t, h, message("firing", "f1"), tc.header...)
			if code != tc.code {
				t.Errorf("status %d %q, want %d", code, body, tc.code)
			}
			if want := map[bool]int{true: 1}[tc.code == 200]; len(r.alerts()) != want {
				t.Errorf("%d events, want %d", len(r.alerts()), want)
			}
		})
	}
}

func TestDedup(t *testing.T) {
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var r recorder
	h := alerts.NewHandler(&r, alerts.Options{TTL: time.Hour, Now: clk.Now})
	send := func(body string) alerts.Result {
		t.Helper()
		code, out := post(t, h, body)
		if code != http.StatusOK {
			t.Fatalf("status %d %q", code, out)
		}
		var res alerts.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	steps := []struct {
		name    string
		body    string
		advance time.Duration
		want    alerts.Result
	}{
		{"first", message("firing", "a", "b"), 0, alerts.Result{Received: 2, Submitted: 2}},
		{"re-sent", message("firing", "a", "b"), 30 * time.Minute, alerts.Result{Received: 2, Duplicates: 2}},
		{"one new", message("firing", "a", "c"), 0, alerts.Result{Received: 2, Submitted: 1, Duplicates: 1}},
		{"resolved is another state", message("resolved", "a"), 0, alerts.Result{Received: 1, Submitted: 1}},
		{"after the TTL", message("firing", "a"), 31 * time.Minute, alerts.Result{Received: 1, Submitted: 1}},
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		if d := cmp.Diff(s.want, send(s.body)); d != "" {
			t.Errorf("%s (-want +got):\n%s", s.name, d)
		}
	}
	if n := len(r.alerts()); n != 5 {
		t.Errorf("%d events, want 5", n)
	}
}

func TestDedupBounded(t *testing.T) {
	var r recorder
	h := alerts.NewHandler(&r, alerts.Options{MaxKeys: 2})
	for _, fp := range []string{"a", "b", "c", "a"} { // c evicts a
		post(t, h, message("firing", fp))
	}
	if n := len(r.alerts()); n != 4 {
		t.Errorf("%d events, want 4: the oldest key was evicted", n)
	}
}

func TestRetryableFailures(t *testing.T) {
	t.Run("submit fails", func(t *testing.T) {
		r := &recorder{err: errors.New("engine stopped")}
		h := alerts.NewHandler(r, alerts.Options{})
		code, body := post(t, h, message("firing", "a"))
		if code != http.StatusServiceUnavailable || !strings.Contains(body, "engine stopped") {
			t.Errorf("got %d %q, want 503 with the reason", code, body)
		}
		r.mu.Lock()
		r.err = nil
		r.mu.Unlock()
		if code, body := post(t, h, message("firing", "a")); code != http.StatusOK {
			t.Errorf("retry: %d %q, want 200", code, body)
		}
		if n := len(r.alerts()); n != 1 {
			t.Errorf("%d events after the retry, want 1", n)
		}
	})
	t.Run("resolve fails midway", func(t *testing.T) {
		var r recorder
		fail := true
		res := alerts.ResolverFunc(func(_ context.Context, ev *api.PrometheusAlertEvent) error {
			if fail && ev.Alert.Fingerprint == "b" {
				return errors.New("connection refused")
			}
			return nil
		})
		h := alerts.NewHandler(&r, alerts.Options{Resolver: res})
		if code, body := post(t, h, message("firing", "a", "b")); code != http.StatusServiceUnavailable || !strings.Contains(body, "connection refused") {
			t.Errorf("got %d %q, want 503 with the reason", code, body)
		}
		fail = false
		_, body := post(t, h, message("firing", "a", "b"))
		if d := cmp.Diff(`{"received":2,"submitted":1,"duplicates":1}`, strings.TrimSpace(body)); d != "" {
			t.Errorf("retry (-want +got):\n%s", d)
		}
		var fps []string
		for _, a := range r.alerts() {
			fps = append(fps, a.Fingerprint)
		}
		if d := cmp.Diff([]string{"a", "b"}, fps); d != "" {
			t.Errorf("alerts run (-want +got):\n%s", d)
		}
	})
}

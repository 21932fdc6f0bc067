package record_test

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/record/replay"
	"github.com/robusta-go/robusta/runtime/registry"
)

const roundTripValues = `sinksConfig:
- file_sink: {name: main, file_name: %s}
customPlaybooks:
- name: Alert
  triggers: [{on_prometheus_alert: {alert_name: PodDown}}]
  actions: [{create_finding: {title: "alert on $namespace/$name"}}]
- name: Tick
  triggers: [{on_schedule: {fixed_delay_repeat: {repeat: 3, seconds_delay: 60}}}]
  actions: [{create_finding: {title: "tick"}}]
`

// Alerts (with their resolved pod), schedule ticks and manual runs (the
// request as the handler read it) go through the intake into the file and
// replay into the same findings.
func TestIntakeRoundTrip(t *testing.T) {
	dir := t.TempDir()
	sinkFile, recFile := filepath.Join(dir, "findings.jsonl"), filepath.Join(dir, "rec.jsonl")
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	values := []byte(strings.Replace(roundTripValues, "%s", sinkFile, 1))
	cfg, err := config.Load("values.yaml", values, set)
	if err != nil {
		t.Fatal(err)
	}
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "api-0", Namespace: "prod", Labels: map[string]string{"app": "api"}}}
	cluster := apitest.NewCluster(pod)
	client := cluster.Kubernetes()
	eng, err := engine.New(cfg, engine.WithLogger(slog.New(slog.DiscardHandler)), engine.WithCluster(cluster))
	if err != nil {
		t.Fatal(err)
	}
	pool := eng.Start(t.Context())
	w, err := record.Create(recFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := &record.Intake{Pool: pool, W: w, Playbooks: []string{"Tick"}}
	alert := &api.PrometheusAlertEvent{Alert: api.Alert{Name: "PodDown", Status: "firing", Labels: map[string]string{"alertname": "PodDown", "namespace": "prod", "pod": "api-0"}, Fingerprint: "f1"}, Pod: pod}
	if err := in.SubmitAlert(t.Context(), alert); err != nil {
		t.Fatal(err)
	}
	if err := in.SubmitSchedule(t.Context(), 0, &api.ScheduledEvent{Recurrence: 2}); err != nil {
		t.Fatal(err)
	}
	h := record.ManualBodies(&manual.Handler{Actions: set, Allowed: []string{"create_finding"}, Global: cfg.Global, Client: client, Engine: in, Token: "t"})
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/api/trigger",
		strings.NewReader(`{"action_name":"create_finding","action_params":{"title":"manual on $name"},"kind":"Pod","namespace":"prod","name":"api-0"}`))
	req.Header.Set("Authorization", "Bearer t")
	resp := httptest.NewRecorder()
	h.ServeHTTP(resp, req)
	if resp.Code != http.StatusOK {
		t.Fatalf("manual run: %d %s", resp.Code, resp.Body)
	}
	if err := pool.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := eng.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	live := titles(t, sinkFile)
	if want := []string{"alert on prod/api-0", "manual on api-0", "tick"}; !slices.Equal(live, want) {
		t.Fatalf("live findings %q, want %q", live, want)
	}

	recs, err := record.ReadFile(recFile)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err = config.Load("values.yaml", values, set)
	if err != nil {
		t.Fatal(err)
	}
	res, err := replay.Run(t.Context(), cfg, set, recs, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Deliveries {
		got = append(got, d.Finding.Title)
	}
	slices.Sort(got)
	if !slices.Equal(got, live) || res.Inputs != 3 || len(res.Notes) != 0 {
		t.Errorf("replay: %q from %d inputs, notes %q; want %q from 3", got, res.Inputs, res.Notes, live)
	}
}

// titles reads a file_sink's titles, sorted.
func titles(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var v struct{ Title string }
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v.Title)
	}
	slices.Sort(out)
	return out
}

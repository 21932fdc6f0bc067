package runner_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/png"
	"net/http"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/prom/promtest"
)

// The runner connects actions to globalConfig's Prometheus: an alert's
// alert_graph_enricher queries it (with prometheus_auth) through the
// official client and the finding carries the graph as a PNG file block.
func TestAlertGraphFromGlobalPrometheus(t *testing.T) {
	env := kubetest.Start(t)
	query := `sum(max(container_memory_working_set_bytes{namespace="shop", pod=~"gone", container!="", image!=""}) by (container, pod, job)) by (container, pod, job)`
	now := time.Now()
	series := api.Series{Labels: map[string]string{"pod": "gone", "container": "app", "job": "kubelet"}}
	for i := range 60 {
		series.Points = append(series.Points, api.Point{Time: now.Add(time.Duration(i-60) * time.Minute), Value: float64(200+i) * 1024 * 1024})
	}
	server := promtest.New(t).Range(query, series)
	playbooks := fmt.Sprintf(`globalConfig:
  prometheus_url: %s
  prometheus_auth: Bearer e2e
customPlaybooks:
- name: Graph
  triggers: [{on_prometheus_alert: {alert_name: PodDown}}]
  actions: [{alert_graph_enricher: {resource_type: Memory, item_type: Pod}}]
`, server.URL)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: playbooks, Args: []string{"--alerts-allow-unauthenticated"}})
	if code, body := p.postAlerts(t, alertBody(t, "firing", "shop", "gone")); code != http.StatusOK {
		t.Fatalf("%d %q, want 200", code, body)
	}
	got := p.Findings.WaitFor(t, "the Graph finding", func(f finding) bool { return f.Playbook == "Graph" })
	f := got[len(got)-1]
	if len(f.Enrichments) != 1 || f.Enrichments[0].Title != "Resources" || len(f.Enrichments[0].Blocks) != 1 {
		t.Fatalf("want one Resources enrichment with the graph: %+v", f.Enrichments)
	}
	b := f.Enrichments[0].Blocks[0]
	if b["type"] != "file" || b["filename"] != "Memory Usage for this pod.png" {
		t.Fatalf("block %v: want the graph's file", b["filename"])
	}
	data, err := base64.StdEncoding.DecodeString(b["contents"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("the graph is not a PNG: %v", err)
	}
	reqs := server.Requests()
	if len(reqs) != 1 || reqs[0].URL.Path != "/api/v1/query_range" || reqs[0].Header.Get("Authorization") != "Bearer e2e" {
		t.Errorf("Prometheus saw %d requests; want one range query with globalConfig's prometheus_auth", len(reqs))
	}
}

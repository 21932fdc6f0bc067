package pagerduty

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// alertFinding is the every-block finding as an alert's.
func alertFinding() *api.Finding {
	f := sinktest.EveryBlock()
	f.Source, f.Type, f.AggregationKey, f.Fingerprint = api.SourcePrometheus, api.TypeIssue, "KubePodCrashLooping", "f00d"
	f.StartsAt = epoch
	return f
}

const wantStateMessage = "web-1 restarted 5 times\n\nPod details\n\nStatus\n\n*restarts:* 5\n\n----\n\n" +
	"• OOMKilled\n• exit code 137\n\nfield  value\nimage  web:1.2\nlimit  <512Mi>\n\n" +
	"Containers\nname  ready  restarts\nweb   false  5\n\n{\n  \"restarts\": 5\n}\n\n" +
	"Deployment prod/web:\n* spec.replicas: 2 -> 3\n* metadata.labels.tier: added \"front\"\n\n" +
	"[file web-1.log, 14 bytes]\n\n" +
	"Events\ntype     reason   age  message\nWarning  BackOff  1m   Back-off restarting"

func decode(t *testing.T, doc string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("bad want: %v", err)
	}
	return m
}

func TestTriggerEvent(t *testing.T) {
	srv := newFakePD(t)
	s, _ := testSink(t, srv)
	if err := s.Write(context.Background(), alertFinding()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 1 || reqs[0].Path != "/v2/enqueue" {
		t.Fatalf("requests %+v, want one to /v2/enqueue", reqs)
	}
	if ct := reqs[0].Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	want := decode(t, `{
	  "routing_key": "R0UTINGKEY", "event_action": "trigger", "dedup_key": "f00d",
	  "payload": {
	    "summary": "Crash loop in web", "severity": "critical", "source": "prod-eu",
	    "timestamp": "2026-01-02T03:04:05Z", "component": "prod/pod/web-1", "group": "prod/Pod/web-1",
	    "class": "KubePodCrashLooping",
	    "custom_details": {
	      "Resource": "web-1", "Cluster running Robusta": "prod-eu", "Namespace": "prod", "Node": "node-a",
	      "Source of the Alert": "PROMETHEUS", "Severity": "CRITICAL", "Fingerprint ID": "f00d",
	      "Description": "web-1 restarted 5 times", "Caption": "🔴 critical - Crash loop in web"
	    }
	  },
	  "links": [
	    {"href": "https://grafana.example/d/1", "text": "Grafana"},
	    {"href": "https://runbooks.example/oom", "text": "Runbook"}
	  ]
	}`)
	want["payload"].(map[string]any)["custom_details"].(map[string]any)["state_message"] = wantStateMessage
	if diff := cmp.Diff(want, reqs[0].Body); diff != "" {
		t.Errorf("event (-want +got):\n%s", diff)
	}
}

// A resolved alert resolves the incident its firing opened: same dedup_key.
func TestResolveEvent(t *testing.T) {
	end := epoch.Add(time.Hour)
	for name, mark := range map[string]func(*api.Finding){
		"title":   func(f *api.Finding) { f.Title = "[RESOLVED] " + f.Title },
		"ends_at": func(f *api.Finding) { f.EndsAt = &end },
	} {
		t.Run(name, func(t *testing.T) {
			srv := newFakePD(t)
			s, _ := testSink(t, srv)
			firing, res := alertFinding(), alertFinding()
			mark(res)
			for _, f := range []*api.Finding{firing, res} {
				if err := s.Write(context.Background(), f); err != nil {
					t.Fatal(err)
				}
			}
			reqs := srv.requests()
			if reqs[0].Body["event_action"] != "trigger" || reqs[0].Body["dedup_key"] != "f00d" {
				t.Errorf("firing sent %v", reqs[0].Body)
			}
			want := map[string]any{"routing_key": "R0UTINGKEY", "event_action": "resolve", "dedup_key": "f00d"}
			if diff := cmp.Diff(want, reqs[1].Body); diff != "" {
				t.Errorf("resolve event (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDedupKeyWithoutFingerprint(t *testing.T) {
	f := alertFinding()
	f.Fingerprint = ""
	if got := dedupKey(f); got != f.ComputeFingerprint() {
		t.Errorf("dedup key %q, want the computed fingerprint", got)
	}
	f.Fingerprint = strings.Repeat("x", 300)
	if got := dedupKey(f); len(got) != 64 {
		t.Errorf("a 300-character fingerprint gave dedup key %q; PagerDuty takes 255 at most", got)
	}
}

func TestSeverities(t *testing.T) {
	for sev, want := range map[api.Severity]string{api.SeverityHigh: "critical", api.SeverityLow: "warning", api.SeverityInfo: "info", api.SeverityDebug: "info"} {
		if got := severity(sev); got != want {
			t.Errorf("%s: %s, want %s", sev, got, want)
		}
	}
}

func TestLongTitleIsCut(t *testing.T) {
	f := alertFinding()
	f.Title = strings.Repeat("é", 2000)
	ev := alertEvent(f, "k", "c")
	if n := len([]rune(ev.Payload.Summary)); n != maxSummary || !strings.HasSuffix(ev.Payload.Summary, "…") {
		t.Errorf("summary of %d runes, want %d ending in …", n, maxSummary)
	}
}

// changeFinding is what resource_babysitter reports for an update.
func changeFinding() *api.Finding {
	f := &api.Finding{
		Title: "deployment/prod/web.yaml updated", Description: "Deployment updated\n ● Attributes: replicas, tier",
		Severity: api.SeverityInfo, Source: api.SourceKubernetesAPI, Type: api.TypeConfigChange,
		AggregationKey: "ConfigurationChange/KubernetesResource/Change",
		Subject:        api.Subject{Kind: "Deployment", Name: "web", Namespace: "prod"}, StartsAt: epoch,
	}
	f.Enrichments = []api.Enrichment{{Title: "Kubernetes Manifest Change", Blocks: []api.Block{api.KubernetesDiff{
		Kind: "Deployment", Name: "web", Namespace: "prod", Diffs: []api.Diff{
			{Path: "spec.replicas", Old: "2", New: "3"}, {Path: "metadata.labels['tier']", New: `"front"`},
		}}}}}
	return f
}

func TestChangeEvent(t *testing.T) {
	srv := newFakePD(t)
	s, _ := testSink(t, srv)
	if err := s.Write(context.Background(), changeFinding()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 1 || reqs[0].Path != "/v2/change/enqueue" {
		t.Fatalf("requests %+v, want one to /v2/change/enqueue", reqs)
	}
	want := decode(t, `{
	  "routing_key": "R0UTINGKEY",
	  "payload": {
	    "summary": "Deployment prod/web updated in cluster prod-eu (2 changes)",
	    "source": "prod-eu", "timestamp": "2026-01-02T03:04:05Z",
	    "custom_details": {
	      "namespace": "prod", "resource": "Deployment/web",
	      "Change 1": "spec.replicas: 2 -> 3", "Change 2": "metadata.labels['tier']: added \"front\"",
	      "Remarks": "Deployment updated\n ● Attributes: replicas, tier"
	    }
	  }
	}`)
	if diff := cmp.Diff(want, reqs[0].Body); diff != "" {
		t.Errorf("change event (-want +got):\n%s", diff)
	}
}

func TestChangeEventCreateAndWithoutDiff(t *testing.T) {
	f := changeFinding()
	f.Title, f.Description = "deployment/prod/web.yaml created", "Deployment created"
	evs := changeEvents(f, "k", "prod-eu")
	if len(evs) != 1 || evs[0].Payload.Summary != "Deployment prod/web created in cluster prod-eu" ||
		evs[0].Payload.CustomDetails["Remarks"] != "Resource created" {
		t.Errorf("create: %+v", evs)
	}
	f.Enrichments = nil
	evs = changeEvents(f, "k", "prod-eu")
	if len(evs) != 1 || evs[0].Payload.Summary != f.Title {
		t.Errorf("without a diff block: %+v, want one event with the title", evs)
	}
}

func TestRetriesRateLimitAndServerErrors(t *testing.T) {
	srv := newFakePD(t,
		answer(http.StatusTooManyRequests, `{"status":"throttle event","message":"Requests for this service are arriving too quickly."}`, "Retry-After", "7"),
		answer(http.StatusTooManyRequests, `{}`),
		answer(http.StatusInternalServerError, `oops`),
	)
	s, clock := testSink(t, srv)
	if err := s.Write(context.Background(), alertFinding()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
	// Retry-After's 7s, then backoffs of 2s and 4s (1s doubled per failure).
	if diff := cmp.Diff([]time.Duration{7 * time.Second, 2 * time.Second, 4 * time.Second}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestInvalidEventFailsAtOnceWithoutTheKey(t *testing.T) {
	srv := newFakePD(t, answer(http.StatusBadRequest, `{"status":"invalid event","message":"Event object is invalid","errors":["Length of 'routing_key' is incorrect"]}`))
	s, clock := testSink(t, srv)
	err := s.Write(context.Background(), alertFinding())
	if err == nil || !strings.Contains(err.Error(), "Length of 'routing_key' is incorrect") || !strings.Contains(err.Error(), `pagerduty_sink "oncall"`) {
		t.Fatalf("error %v, want PagerDuty's message and the sink's name", err)
	}
	if strings.Contains(err.Error(), "R0UTINGKEY") {
		t.Errorf("the error shows the routing key: %v", err)
	}
	if n := len(srv.requests()); n != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d requests and waits %v: a 400 is not retried", n, clock.Sleeps())
	}
}

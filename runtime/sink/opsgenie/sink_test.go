package opsgenie

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
	f.Subject.Labels = map[string]string{"team": "payments", "app": "web", "namespace": "shadowed"}
	f.StartsAt = epoch
	return f
}

const wantDescription = `<p><a href="https://grafana.example/d/1">Grafana</a></p>
<p>web-1 restarted 5 times</p>
<hr>
<p><b>Pod details</b></p>
<p><b>Status</b></p>
<p><b>restarts:</b> 5</p>
<hr>
<ul><li>OOMKilled</li><li>exit code 137</li></ul>
<table><tr><th>field</th><th>value</th></tr><tr><td>image</td><td>web:1.2</td></tr><tr><td>limit</td><td>&lt;512Mi&gt;</td></tr></table>
<p><b>Containers</b></p><table><tr><th>name</th><th>ready</th><th>restarts</th></tr><tr><td>web</td><td>false</td><td>5</td></tr></table>
<p><a href="https://runbooks.example/oom">Runbook</a></p>
<pre>{
  &#34;restarts&#34;: 5
}</pre>
<p><b>Deployment prod/web changed: 1 added, 1 modified</b></p><pre>spec.replicas: 2 → 3
metadata.labels.tier: added &#34;front&#34;</pre>
<hr>
<p>📎 web-1.log (14 bytes, not attached)</p>
<p><b>Events</b></p><table><tr><th>type</th><th>reason</th><th>age</th><th>message</th></tr><tr><td>Warning</td><td>BackOff</td><td>1m</td><td>Back-off restarting</td></tr></table>`

func decode(t *testing.T, doc string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("bad want: %v", err)
	}
	return m
}

func TestCreateAlert(t *testing.T) {
	srv := newFake(t)
	s, _ := testSink(t, srv, Params{Teams: []string{"noc", "$labels.team"}, DefaultTeam: "oncall", Tags: []string{"prod a", "$labels.app", "$labels.missing"}, ExtraDetailsLabels: true})
	if err := s.Write(context.Background(), alertFinding()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != "/v2/alerts" {
		t.Fatalf("requests %+v, want one POST /v2/alerts", reqs)
	}
	if ct := reqs[0].Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	want := decode(t, `{
	  "message": "Crash loop in web", "alias": "f00d", "source": "Robusta", "priority": "P1",
	  "entity": "prod/Pod/web-1",
	  "responders": [{"name": "noc", "type": "team"}, {"name": "payments", "type": "team"}],
	  "tags": ["prod-eu", "prod a", "web"],
	  "details": {
	    "Resource": "web-1", "Cluster": "prod-eu", "Namespace": "prod", "Node": "node-a", "Source": "PROMETHEUS",
	    "team": "payments", "app": "web"
	  }
	}`)
	want["description"] = wantDescription
	if diff := cmp.Diff(want, reqs[0].Body); diff != "" {
		t.Errorf("alert (-want +got):\n%s", diff)
	}
}

// A resolved finding closes the alert its firing opened: same alias.
func TestCloseAlert(t *testing.T) {
	end := epoch.Add(time.Hour)
	for name, mark := range map[string]func(*api.Finding){
		"title":   func(f *api.Finding) { f.Title = "[RESOLVED] " + f.Title },
		"ends_at": func(f *api.Finding) { f.EndsAt = &end },
	} {
		t.Run(name, func(t *testing.T) {
			srv := newFake(t)
			s, _ := testSink(t, srv, Params{})
			firing, res := alertFinding(), alertFinding()
			firing.Fingerprint, res.Fingerprint = "a/b c", "a/b c" // escaped in the path
			mark(res)
			for _, f := range []*api.Finding{firing, res} {
				if err := s.Write(context.Background(), f); err != nil {
					t.Fatal(err)
				}
			}
			reqs := srv.requests()
			if len(reqs) != 2 || reqs[0].Body["alias"] != "a/b c" {
				t.Fatalf("requests %+v", reqs)
			}
			got := reqs[1]
			if got.Method != http.MethodPost || got.Path != "/v2/alerts/a%2Fb%20c/close" || got.Query != "identifierType=alias" {
				t.Errorf("close sent as %s %s?%s", got.Method, got.Path, got.Query)
			}
			want := map[string]any{"user": "Robusta", "source": "Robusta Opsgenie Sink", "note": "Robusta Finding Resolved"}
			if diff := cmp.Diff(want, got.Body); diff != "" {
				t.Errorf("close body (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTeams carries Robusta's tests/test_opsgenie_sink.py cases over.
func TestTeams(t *testing.T) {
	full := map[string]string{"team": "backend-team", "environment": "prod"}
	owner := map[string]string{"owner": "ops-team"}
	for _, tc := range []struct {
		name                string
		teams               []string
		def                 string
		labels, annotations map[string]string
		want                []string
	}{
		{"labels and annotations", []string{"$labels.team", "$annotations.owner"}, "default-team", full, owner, []string{"backend-team", "ops-team"}},
		{"neither", []string{"$labels.team", "$annotations.owner"}, "default-team", nil, nil, []string{"default-team"}},
		{"missing label", []string{"$labels.team", "$annotations.owner"}, "default-team", map[string]string{"environment": "prod"}, owner, []string{"default-team", "ops-team"}},
		{"missing annotation", []string{"$labels.team", "$annotations.owner"}, "default-team", full, nil, []string{"backend-team", "default-team"}},
		{"no default", []string{"$labels.team", "$annotations.owner"}, "", nil, nil, nil},
		{"static", []string{"static-team-1", "static-team-2"}, "", full, owner, []string{"static-team-1", "static-team-2"}},
		{"mixed", []string{"static-team", "$labels.team"}, "", full, nil, []string{"static-team", "backend-team"}},
		{"duplicates", []string{"$labels.team", "$labels.team"}, "", full, nil, []string{"backend-team"}},
		{"braces and normalised keys", []string{"${labels.app.kubernetes.io/team}", "$labels.app_kubernetes_io_team"}, "", map[string]string{"app.kubernetes.io/team": "k8s"}, nil, []string{"k8s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Sink{cluster: "c", teams: tc.teams, defaultTeam: tc.def}
			f := alertFinding()
			f.Subject.Labels, f.Subject.Annotations = tc.labels, tc.annotations
			var got []string
			for _, r := range s.alert(f).Responders {
				if r.Type != "team" {
					t.Errorf("responder type %q", r.Type)
				}
				got = append(got, r.Name)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("teams (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTagsWithinLimits(t *testing.T) {
	var many []string
	for i := range 30 {
		many = append(many, strings.Repeat("t", 60)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	got := tags("prod", many, func(string) (string, bool) { return "", false })
	if len(got) != maxTags || got[0] != "prod" {
		t.Fatalf("%d tags starting %q, want %d starting with the cluster", len(got), got[0], maxTags)
	}
	for _, tag := range got {
		if n := len([]rune(tag)); n > maxTag {
			t.Errorf("tag of %d characters", n)
		}
	}
}

func TestPriorities(t *testing.T) {
	for sev, want := range map[api.Severity]string{api.SeverityHigh: "P1", api.SeverityLow: "P4", api.SeverityInfo: "P5", api.SeverityDebug: "P5"} {
		if got := priority(sev); got != want {
			t.Errorf("%s: %s, want %s", sev, got, want)
		}
	}
}

func TestDetailsWithoutExtraLabels(t *testing.T) {
	s := &Sink{cluster: "prod-eu"}
	f := alertFinding()
	f.Subject.Node, f.Source = "", api.SourceKubernetesAPI
	want := map[string]string{"Resource": "web-1", "Cluster": "prod-eu", "Namespace": "prod", "Source": "KUBERNETES_API_SERVER"}
	if diff := cmp.Diff(want, s.details(f)); diff != "" {
		t.Errorf("details (-want +got):\n%s", diff)
	}
}

func TestLongContentIsCut(t *testing.T) {
	f := alertFinding()
	f.Title = strings.Repeat("é", 200)
	f.Fingerprint = strings.Repeat("x", 600)
	rows := make([][]string, 2000)
	for i := range rows {
		rows[i] = []string{"row", "value"}
	}
	f.AddEnrichment(api.TableBlock([]string{"k", "v"}, rows), api.MarkdownBlock("after the big table"))
	a := (&Sink{}).alert(f)
	if n := len([]rune(a.Message)); n != maxMessage || !strings.HasSuffix(a.Message, "…") {
		t.Errorf("message of %d characters, want %d ending in …", n, maxMessage)
	}
	if len(a.Alias) != 64 {
		t.Errorf("a 600-character fingerprint gave alias %q; Opsgenie takes 512 at most", a.Alias)
	}
	if n := len([]rune(a.Description)); n > maxDescription {
		t.Errorf("description of %d characters", n)
	}
	if !strings.HasSuffix(a.Description, "<p><i>2 more parts left out: Opsgenie takes 15,000 characters.</i></p>") ||
		!strings.Contains(a.Description, "Back-off restarting") {
		t.Errorf("description ends %q, want the blocks before the table and a note of the 2 left out (the table, the markdown after it)", a.Description[len(a.Description)-200:])
	}
}

func TestRetriesRateLimitAndServerErrors(t *testing.T) {
	srv := newFake(t,
		answer(http.StatusTooManyRequests, `{"message":"You are making too many requests!","took":0.0,"requestId":"r1"}`, "Retry-After", "3"),
		answer(http.StatusTooManyRequests, `{}`),
		answer(http.StatusBadGateway, `oops`),
	)
	s, clock := testSink(t, srv, Params{})
	if err := s.Write(context.Background(), alertFinding()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
	if diff := cmp.Diff([]time.Duration{3 * time.Second, 2 * time.Second, 4 * time.Second}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestBadKeyFailsAtOnceWithoutTheKey(t *testing.T) {
	srv := newFake(t)
	s, clock := testSink(t, srv, Params{})
	s.api.Header = func(h http.Header) { h.Set("Authorization", "GenieKey wrong-"+testKey) }
	err := s.Write(context.Background(), alertFinding())
	if err == nil || !strings.Contains(err.Error(), "Could not authenticate") || !strings.Contains(err.Error(), `opsgenie_sink "oncall"`) {
		t.Fatalf("error %v, want Opsgenie's message and the sink's name", err)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("the error shows the key: %v", err)
	}
	if n := len(srv.requests()); n != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d requests and waits %v: a 401 is not retried", n, clock.Sleeps())
	}
}

package jira

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	f.Subject.Annotations = map[string]string{"runbook_url": "https://runbooks.example/crash"}
	f.StartsAt = epoch
	return f
}

func resolvedOf(f *api.Finding) *api.Finding {
	r := f.Clone()
	r.Title = "[RESOLVED] " + r.Title
	return r
}

func write(t *testing.T, s *Sink, fs ...*api.Finding) {
	t.Helper()
	for _, f := range fs {
		if err := s.Write(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
}

// asMap is v as JSON decodes it, to compare with what the fake received.
func asMap(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCreateIssue(t *testing.T) {
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{Assignee: "5b10a2844c20165700ede21g", Epic: "OPS-1", PriorityMapping: map[string]string{"HIGH": "Highest"}})
	write(t, s, alertFinding())
	issues, calls := srv.snapshot()
	want := []string{"GET project/search", "GET issuetype/project", "POST search/jql", "POST issue", "POST issue/20000/attachments"}
	if diff := cmp.Diff(want, routes(calls)); diff != "" {
		t.Fatalf("calls (-want +got):\n%s", diff)
	}
	if calls[0].Query != "query=OPS" || calls[1].Query != "projectId=10000" {
		t.Errorf("lookups asked %q and %q", calls[0].Query, calls[1].Query)
	}
	wantSearch := map[string]any{"jql": `project = 10000 AND labels = "f00d" ORDER BY created DESC`, "maxResults": 1.0, "fields": []any{"status", "resolution"}}
	if diff := cmp.Diff(wantSearch, calls[2].Body); diff != "" {
		t.Errorf("search (-want +got):\n%s", diff)
	}
	body := calls[3].Body
	fields := body["fields"].(map[string]any)
	if diff := cmp.Diff(asMap(t, description(alertFinding())), fields["description"]); diff != "" {
		t.Errorf("description (-want +got):\n%s", diff)
	}
	delete(fields, "description")
	wantBody := map[string]any{"update": map[string]any{}, "fields": map[string]any{
		"summary": "Crash loop in web", "labels": []any{"f00d"}, "priority": map[string]any{"name": "Highest"},
		"issuetype": map[string]any{"id": "10006"}, "project": map[string]any{"id": "10000"},
		"assignee": map[string]any{"id": "5b10a2844c20165700ede21g"}, "parent": map[string]any{"key": "OPS-1"},
	}}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("create (-want +got):\n%s", diff)
	}
	if len(issues) != 1 || !strings.HasSuffix(issues[0].Attachments["web-1.log"], ":line 1\nline 2\n") {
		t.Errorf("attachments %v, want web-1.log with its contents", issues[0].Attachments)
	}
	if auth := calls[3].Header.Get("Authorization"); auth != "Basic "+base64.StdEncoding.EncodeToString([]byte(testUser+":"+testToken)) {
		t.Errorf("Authorization %q", auth)
	}
}

// TestDescription checks the ADF of each block kind.
func TestDescription(t *testing.T) {
	d := asMap(t, description(alertFinding())).(map[string]any)
	if d["type"] != "doc" || d["version"] != 1.0 {
		t.Fatalf("doc %v", d)
	}
	var types []string
	content := d["content"].([]any)
	for _, n := range content {
		types = append(types, n.(map[string]any)["type"].(string))
	}
	want := []string{
		"paragraph", // links: Grafana, runbook_url
		"paragraph", // description
		"heading", "heading", "paragraph", "rule", "bulletList", "table", "paragraph", "table",
		"paragraph", "codeBlock", "paragraph", "codeBlock", // links block, JSON, diff title and lines
		"paragraph", "paragraph", "table", // file line, Events
	}
	if diff := cmp.Diff(want, types); diff != "" {
		t.Fatalf("node types (-want +got):\n%s", diff)
	}
	node := func(i int) string { b, _ := json.Marshal(content[i]); return string(b) }
	for i, w := range map[int]string{
		0:  `{"content":[{"marks":[{"attrs":{"href":"https://grafana.example/d/1"},"type":"link"}],"text":"Grafana","type":"text"},{"text":" · ","type":"text"},{"marks":[{"attrs":{"href":"https://runbooks.example/crash"},"type":"link"}],"text":"🔎 Runbook URL","type":"text"}],"type":"paragraph"}`,
		2:  `{"attrs":{"level":3},"content":[{"text":"Pod details","type":"text"}],"type":"heading"}`,
		4:  `{"content":[{"marks":[{"type":"strong"}],"text":"restarts:","type":"text"},{"text":" 5","type":"text"}],"type":"paragraph"}`,
		6:  `{"content":[{"content":[{"content":[{"text":"OOMKilled","type":"text"}],"type":"paragraph"}],"type":"listItem"},{"content":[{"content":[{"text":"exit code 137","type":"text"}],"type":"paragraph"}],"type":"listItem"}],"type":"bulletList"}`,
		7:  `{"attrs":{"isNumberColumnEnabled":false,"layout":"default"},"content":[{"content":[{"content":[{"content":[{"text":"field","type":"text"}],"type":"paragraph"}],"type":"tableHeader"},{"content":[{"content":[{"text":"value","type":"text"}],"type":"paragraph"}],"type":"tableHeader"}],"type":"tableRow"},{"content":[{"content":[{"content":[{"text":"image","type":"text"}],"type":"paragraph"}],"type":"tableCell"},{"content":[{"content":[{"text":"web:1.2","type":"text"}],"type":"paragraph"}],"type":"tableCell"}],"type":"tableRow"},{"content":[{"content":[{"content":[{"text":"limit","type":"text"}],"type":"paragraph"}],"type":"tableCell"},{"content":[{"content":[{"text":"\u003c512Mi\u003e","type":"text"}],"type":"paragraph"}],"type":"tableCell"}],"type":"tableRow"}],"type":"table"}`,
		11: `{"attrs":{"language":"json"},"content":[{"text":"{\n  \"restarts\": 5\n}","type":"text"}],"type":"codeBlock"}`,
		13: `{"attrs":{"language":"diff"},"content":[{"text":"- spec.replicas: 2\n+ spec.replicas: 3\n+ metadata.labels.tier: \"front\"","type":"text"}],"type":"codeBlock"}`,
		14: `{"content":[{"text":"📎 web-1.log (attached)","type":"text"}],"type":"paragraph"}`,
	} {
		if got := node(i); got != w {
			t.Errorf("node %d:\n got %s\nwant %s", i, got, w)
		}
	}
}

func TestMarkdownToADF(t *testing.T) {
	for src, want := range map[string]string{
		"plain":                              `[{"content":[{"text":"plain","type":"text"}],"type":"paragraph"}]`,
		"*b* _i_ ~s~ `c`":                    `[{"content":[{"marks":[{"type":"strong"}],"text":"b","type":"text"},{"text":" ","type":"text"},{"marks":[{"type":"em"}],"text":"i","type":"text"},{"text":" ","type":"text"},{"marks":[{"type":"strike"}],"text":"s","type":"text"},{"text":" ","type":"text"},{"marks":[{"type":"code"}],"text":"c","type":"text"}],"type":"paragraph"}]`,
		"see <https://x.example|the *docs*>": `[{"content":[{"text":"see ","type":"text"},{"marks":[{"attrs":{"href":"https://x.example"},"type":"link"}],"text":"the ","type":"text"},{"marks":[{"attrs":{"href":"https://x.example"},"type":"link"},{"type":"strong"}],"text":"docs","type":"text"}],"type":"paragraph"}]`,
		"a\nb":                               `[{"content":[{"text":"a","type":"text"},{"type":"hardBreak"},{"text":"b","type":"text"}],"type":"paragraph"}]`,
		"before\n```x := 1```\nafter":        `[{"content":[{"text":"before","type":"text"}],"type":"paragraph"},{"content":[{"text":"x := 1","type":"text"}],"type":"codeBlock"},{"content":[{"text":"after","type":"text"}],"type":"paragraph"}]`,
		"*bold `code`*":                      `[{"content":[{"marks":[{"type":"strong"}],"text":"bold ","type":"text"},{"marks":[{"type":"code"}],"text":"code","type":"text"}],"type":"paragraph"}]`,
		"forged \x01b markup\x02":            `[{"content":[{"text":"forged b markup","type":"text"}],"type":"paragraph"}]`,
		"":                                   `null`,
	} {
		b, _ := json.Marshal(asMap(t, markdown(src)))
		if string(b) != want {
			t.Errorf("%q:\n got %s\nwant %s", src, b, want)
		}
	}
}

func TestRepeatUpdatesTheOpenIssue(t *testing.T) {
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{})
	again := alertFinding()
	again.Title = "Crash loop in web (again)"
	write(t, s, alertFinding(), again)
	issues, calls := srv.snapshot()
	if len(issues) != 1 {
		t.Fatalf("%d issues, want 1", len(issues))
	}
	last := calls[len(calls)-1]
	if last.Method != http.MethodPut || last.Path != "/rest/api/3/issue/20000" {
		t.Fatalf("last call %s %s, want the update", last.Method, last.Path)
	}
	if got := issues[0].Fields["summary"]; got != "Crash loop in web (again)" {
		t.Errorf("summary %v after the update", got)
	}
	if n := strings.Count(strings.Join(routes(calls), ","), "project/search"); n != 1 {
		t.Errorf("project looked up %d times, want once", n)
	}
}

func TestResolve(t *testing.T) {
	t.Run("sendResolved", func(t *testing.T) {
		srv := newFakeJira(t)
		s, _ := testSink(t, srv, Params{SendResolved: true})
		write(t, s, alertFinding(), resolvedOf(alertFinding()))
		issues, calls := srv.snapshot()
		want := []string{"POST search/jql", "GET issue/20000/transitions", "POST issue/20000/transitions", "POST issue/20000/comment"}
		if diff := cmp.Diff(want, routes(calls)[len(calls)-4:]); diff != "" {
			t.Errorf("calls (-want +got):\n%s", diff)
		}
		if issues[0].Status != "Done" {
			t.Errorf("status %q, want Done", issues[0].Status)
		}
		wantComment := map[string]any{"type": "doc", "version": 1.0, "content": []any{map[string]any{"type": "paragraph",
			"content": []any{map[string]any{"type": "text", "text": "Issue was marked as resolved by the Alertmanager"}}}}}
		if diff := cmp.Diff([]any{wantComment}, issues[0].Comments); diff != "" {
			t.Errorf("comment (-want +got):\n%s", diff)
		}
	})
	t.Run("ends_at", func(t *testing.T) {
		srv := newFakeJira(t)
		s, _ := testSink(t, srv, Params{SendResolved: true})
		res := alertFinding()
		end := epoch.Add(time.Hour)
		res.EndsAt = &end
		write(t, s, alertFinding(), res)
		if issues, _ := srv.snapshot(); issues[0].Status != "Done" {
			t.Errorf("status %q, want Done", issues[0].Status)
		}
	})
	t.Run("without sendResolved", func(t *testing.T) {
		srv := newFakeJira(t)
		s, _ := testSink(t, srv, Params{})
		write(t, s, alertFinding(), resolvedOf(alertFinding()))
		issues, calls := srv.snapshot()
		if issues[0].Status != "To Do" || routes(calls)[len(calls)-1] != "POST search/jql" {
			t.Errorf("status %q, last call %s: the issue is left alone", issues[0].Status, routes(calls)[len(calls)-1])
		}
	})
	t.Run("no issue", func(t *testing.T) {
		srv := newFakeJira(t)
		s, _ := testSink(t, srv, Params{SendResolved: true})
		write(t, s, resolvedOf(alertFinding()))
		if issues, _ := srv.snapshot(); len(issues) != 0 {
			t.Errorf("a resolved finding created %d issues", len(issues))
		}
	})
}

// TestDoneIssue: what a firing does to a done issue.
func TestDoneIssue(t *testing.T) {
	for _, tc := range []struct {
		name       string
		p          Params
		finding    *api.Finding
		wantIssues int
		wantStatus string // of the first issue
	}{
		{"reopen", Params{ReopenIssues: true}, alertFinding(), 1, "To Do"},
		{"new issue", Params{}, alertFinding(), 2, "Done"},
		{"won't reopen", Params{ReopenIssues: true, NoReopenResolution: "Done"}, alertFinding(), 1, "Done"},
		{"resolved again", Params{ReopenIssues: true}, resolvedOf(alertFinding()), 1, "Done"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeJira(t)
			tc.p.SendResolved = true
			s, _ := testSink(t, srv, tc.p)
			write(t, s, alertFinding(), resolvedOf(alertFinding()), tc.finding)
			issues, calls := srv.snapshot()
			if len(issues) != tc.wantIssues || issues[0].Status != tc.wantStatus {
				t.Errorf("%d issues, the first %s; want %d, %s (calls %v)", len(issues), issues[0].Status, tc.wantIssues, tc.wantStatus, routes(calls))
			}
			if tc.name == "reopen" && routes(calls)[len(calls)-1] != "PUT issue/20000" {
				t.Errorf("a reopened issue is not updated: %v", routes(calls))
			}
		})
	}
	// After "new issue", the newest issue is the one found: a resolution
	// closes it, not the old one.
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{SendResolved: true})
	write(t, s, alertFinding(), resolvedOf(alertFinding()), alertFinding(), resolvedOf(alertFinding()))
	if issues, _ := srv.snapshot(); len(issues) != 2 || issues[1].Status != "Done" {
		t.Errorf("issues %+v, want the second done too", issues)
	}
}

func TestUnknownPriorityCreatesWithoutIt(t *testing.T) {
	srv := newFakeJira(t)
	srv.noPriorities = true
	s, _ := testSink(t, srv, Params{})
	write(t, s, alertFinding())
	issues, calls := srv.snapshot()
	var creates []map[string]any
	for _, c := range calls {
		if c.Method == http.MethodPost && c.Path == "/rest/api/3/issue" {
			creates = append(creates, c.Body["fields"].(map[string]any))
		}
	}
	if len(creates) != 2 || creates[0]["priority"] == nil || creates[1]["priority"] != nil || len(issues) != 1 {
		t.Errorf("creates %d (priorities %v, %v), issues %d; want a retry without the priority", len(creates), creates[0]["priority"], creates[len(creates)-1]["priority"], len(issues))
	}
}

func TestPriorities(t *testing.T) {
	s := &Sink{priorities: map[string]string{"LOW": "Low"}}
	for sev, want := range map[api.Severity]string{api.SeverityHigh: "Critical", api.SeverityLow: "Low", api.SeverityInfo: "Minor", api.SeverityDebug: "Major"} {
		if got := s.priority(&api.Finding{Severity: sev}); got != want {
			t.Errorf("%s: %s, want %s", sev, got, want)
		}
	}
}

func TestLabelsAndJQL(t *testing.T) {
	f := alertFinding()
	f.Fingerprint = `a"b\c`
	got := labels(f, "prod eu", []string{"fingerprint", "cluster_name", "title", "node", "namespace"})
	want := []string{`a"b\c`, "prod_eu", "Crash_loop_in_web", "node-a", "prod"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if q := jql("1", got[:2]); q != `project = 1 AND labels = "a\"b\\c" AND labels = "prod_eu" ORDER BY created DESC` {
		t.Errorf("jql %s", q)
	}
	// The fake reads the escaped label back: the issue is found again.
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{})
	write(t, s, f, f)
	if issues, _ := srv.snapshot(); len(issues) != 1 {
		t.Errorf("%d issues for one quoted fingerprint", len(issues))
	}
}

func TestNoDedupsCreatesEachTime(t *testing.T) {
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{Dedups: []string{}})
	write(t, s, alertFinding(), alertFinding())
	issues, calls := srv.snapshot()
	if len(issues) != 2 || strings.Contains(strings.Join(routes(calls), ","), "search/jql") {
		t.Errorf("%d issues, calls %v; want two and no search", len(issues), routes(calls))
	}
}

func TestOverridesSkipLookups(t *testing.T) {
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{ProjectTypeIDOverride: 10000, IssueTypeIDOverride: 10005})
	write(t, s, alertFinding())
	_, calls := srv.snapshot()
	if r := routes(calls); r[0] != "POST search/jql" {
		t.Errorf("calls %v: the overrides are looked up", r)
	}
	for _, c := range calls {
		if c.Path == "/rest/api/3/issue" && c.Method == http.MethodPost {
			if f := c.Body["fields"].(map[string]any); f["issuetype"].(map[string]any)["id"] != "10005" {
				t.Errorf("issue type %v", f["issuetype"])
			}
		}
	}
}

func TestLookupFailures(t *testing.T) {
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{ProjectName: "Nope"})
	err := s.Write(context.Background(), alertFinding())
	if err == nil || !strings.Contains(err.Error(), `no project named "Nope" (found: OTHER (Other), OPS (Operations))`) {
		t.Errorf("error %v", err)
	}
	srv = newFakeJira(t)
	s, _ = testSink(t, srv, Params{ProjectName: "Operations", IssueType: "Story"})
	err = s.Write(context.Background(), alertFinding())
	if err == nil || !strings.Contains(err.Error(), `has no issue type "Story" (it has: Bug, Task)`) {
		t.Errorf("error %v", err)
	}
	// A lookup that failed is tried again.
	s.issueType = "Bug"
	write(t, s, alertFinding())
}

func TestRetriesRateLimitAndServerErrors(t *testing.T) {
	srv := newFakeJira(t)
	srv.fail[2] = func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "5")
		reply(w, http.StatusTooManyRequests, `{"errorMessages":["Rate limit exceeded."]}`)
	}
	srv.fail[3] = func(w http.ResponseWriter, _ *http.Request) { reply(w, http.StatusServiceUnavailable, `{}`) }
	s, clock := testSink(t, srv, Params{})
	write(t, s, alertFinding())
	if issues, _ := srv.snapshot(); len(issues) != 1 {
		t.Errorf("%d issues after the retries", len(issues))
	}
	if diff := cmp.Diff([]time.Duration{5 * time.Second, 2 * time.Second}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestBadTokenFailsAtOnceWithoutIt(t *testing.T) {
	srv := newFakeJira(t)
	s, clock := testSink(t, srv, Params{})
	s.api.Header = func(h http.Header) {
		h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(testUser+":wrong")))
	}
	err := s.Write(context.Background(), alertFinding())
	if err == nil || !strings.Contains(err.Error(), "not authenticated") || !strings.Contains(err.Error(), `jira_sink "tickets"`) {
		t.Fatalf("error %v", err)
	}
	if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "Basic") || len(clock.Sleeps()) != 0 {
		t.Errorf("error %v after waits %v: a 401 is not retried and shows no credentials", err, clock.Sleeps())
	}
}

// Writes of one finding at once open one issue.
func TestConcurrentWritesOpenOneIssue(t *testing.T) {
	srv := newFakeJira(t)
	s, _ := testSink(t, srv, Params{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := s.Write(context.Background(), alertFinding()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if issues, _ := srv.snapshot(); len(issues) != 1 {
		t.Errorf("%d issues, want 1", len(issues))
	}
}

func TestLongContentIsCut(t *testing.T) {
	f := alertFinding()
	f.Title = strings.Repeat("é", 300)
	rows := make([][]string, 3000)
	for i := range rows {
		rows[i] = []string{"row", "value"}
	}
	f.AddEnrichment(api.TableBlock([]string{"k", "v"}, rows), api.MarkdownBlock("after"))
	fields := (&Sink{}).fields(f)
	if n := len([]rune(fields["summary"].(string))); n != maxSummary {
		t.Errorf("summary of %d characters", n)
	}
	b, _ := json.Marshal(fields["description"])
	if len(b) > 32767 || !strings.Contains(string(b), "2 more parts left out") || !strings.Contains(string(b), "Back-off restarting") {
		t.Errorf("description of %d bytes, ending %s", len(b), b[len(b)-200:])
	}
}

// Jira's search lags behind writes: the issues the sink just created or
// moved are reconciled, so a repeat finds them as they are.
func TestLaggingSearchIsReconciled(t *testing.T) {
	srv := newFakeJira(t)
	srv.lagging = true
	s, _ := testSink(t, srv, Params{SendResolved: true, ReopenIssues: true})
	write(t, s, alertFinding(), resolvedOf(alertFinding()), alertFinding())
	issues, calls := srv.snapshot()
	if len(issues) != 1 || issues[0].Status != "To Do" {
		t.Fatalf("%d issues, the first %s: want one, reopened (calls %v)", len(issues), issues[0].Status, routes(calls))
	}
	var reconciled []any
	for _, c := range calls {
		if c.Path == "/rest/api/3/search/jql" {
			reconciled = append(reconciled, c.Body["reconcileIssues"])
		}
	}
	if diff := cmp.Diff([]any{nil, []any{20000.0}, []any{20000.0}}, reconciled); diff != "" {
		t.Errorf("reconcileIssues of the searches (-want +got):\n%s", diff)
	}
}

func TestRecentIssuesKeepsTheLast50(t *testing.T) {
	var r recentIssues
	for i := range 60 {
		r.add(strconv.Itoa(i))
	}
	r.add("10") // again: now the newest
	r.add("OPS-1")
	got := r.list()
	if len(got) != maxReconcile || got[0] != 11 || got[len(got)-1] != 10 || slices.Contains(got[:len(got)-1], 10) {
		t.Errorf("recent %v", got)
	}
}

package jira

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

const (
	testUser  = "bot@example.com"
	testToken = "ATATT-t0ken"
)

// fakeIssue is an issue the fake Jira holds.
type fakeIssue struct {
	ID, Key, Status, Resolution string
	Labels                      []string
	// indexed and indexedStatus are what a lagging search sees.
	indexed       bool
	indexedStatus string
	Fields        map[string]any // of the create, then of updates
	Comments      []any
	Attachments   map[string]string // file name -> content type + ":" + contents
}

// call is one request the fake saw.
type call struct {
	Method, Path, Query string
	Header              http.Header
	Body                map[string]any
}

// fakeJira speaks the parts of Jira Cloud's REST API v3 the sink uses:
// project search, a project's issue types, JQL search (project and labels
// terms, newest first), create, edit, transitions (To Do <-> Done),
// comments and attachments. It checks basic auth; fail, when set, answers
// a call instead (by its number, from 0).
type fakeJira struct {
	*httptest.Server
	t      testing.TB
	mu     sync.Mutex
	issues []*fakeIssue
	calls  []call
	fail   map[int]http.HandlerFunc
	// noPriorities makes a create with a priority fail as a scheme
	// without it does.
	noPriorities bool
	// lagging makes the search eventually consistent, and never
	// consistent: it sees no issue created and no status changed since,
	// unless the issue is among the request's reconcileIssues.
	lagging bool
}

var labelTerm = regexp.MustCompile(`labels = "((?:[^"\\]|\\.)*)"`)

func newFakeJira(t testing.TB) *fakeJira {
	f := &fakeJira{t: t, fail: map[int]http.HandlerFunc{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeJira) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &body); err != nil {
			f.t.Errorf("%s %s: body is not JSON: %v", r.Method, r.URL.Path, err)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(f.calls)
	f.calls = append(f.calls, call{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body})
	if u, p, ok := r.BasicAuth(); !ok || u != testUser || p != testToken {
		reply(w, http.StatusUnauthorized, `{"errorMessages":["You are not authenticated. Authentication required to perform this operation."]}`)
		return
	}
	if h := f.fail[n]; h != nil {
		h(w, r)
		return
	}
	route := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/rest/api/3/")
	switch {
	case route == "GET project/search":
		reply(w, 200, `{"isLast":true,"values":[{"id":"10001","key":"OTHER","name":"Other"},{"id":"10000","key":"OPS","name":"Operations"}]}`)
	case route == "GET issuetype/project":
		if r.URL.Query().Get("projectId") != "10000" {
			reply(w, 404, `{"errorMessages":["No project could be found with id"]}`)
			return
		}
		reply(w, 200, `[{"id":"10005","name":"Bug"},{"id":"10006","name":"Task"}]`)
	case route == "POST search/jql":
		f.search(w, body)
	case route == "POST issue":
		fields := body["fields"].(map[string]any)
		if _, ok := fields["priority"]; ok && f.noPriorities {
			reply(w, 400, `{"errorMessages":[],"errors":{"priority":"Specify the Priority (name) in the string format"}}`)
			return
		}
		is := &fakeIssue{ID: fmt.Sprint(20000 + len(f.issues)), Key: fmt.Sprintf("OPS-%d", len(f.issues)+1), Status: "To Do", Fields: fields, Attachments: map[string]string{},
			indexed: !f.lagging, indexedStatus: "To Do"}
		for _, l := range fields["labels"].([]any) {
			is.Labels = append(is.Labels, l.(string))
		}
		f.issues = append(f.issues, is)
		reply(w, 201, fmt.Sprintf(`{"id":%q,"key":%q,"self":"%s/rest/api/3/issue/%s"}`, is.ID, is.Key, f.URL, is.ID))
	default:
		f.issueRoute(w, r, route, body, raw)
	}
}

func (f *fakeJira) search(w http.ResponseWriter, body map[string]any) {
	q, _ := body["jql"].(string)
	if !strings.HasPrefix(q, "project = 10000 AND ") || !strings.HasSuffix(q, " ORDER BY created DESC") {
		reply(w, 400, `{"errorMessages":["bad jql"]}`)
		return
	}
	var want []string
	for _, m := range labelTerm.FindAllStringSubmatch(q, -1) {
		want = append(want, strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(m[1]))
	}
	reconcile := map[string]bool{}
	if ids, ok := body["reconcileIssues"].([]any); ok {
		for _, id := range ids {
			reconcile[fmt.Sprint(id)] = true
		}
	}
	out := []map[string]any{}
	for i := len(f.issues) - 1; i >= 0; i-- { // newest first
		is := f.issues[i]
		if !containsAll(is.Labels, want) || !is.indexed && !reconcile[is.ID] {
			continue
		}
		status := is.Status
		if !reconcile[is.ID] {
			status = is.indexedStatus
		}
		fields := map[string]any{"status": map[string]any{"name": status}, "resolution": nil}
		if is.Resolution != "" {
			fields["resolution"] = map[string]any{"name": is.Resolution}
		}
		out = append(out, map[string]any{"id": is.ID, "key": is.Key, "fields": fields})
	}
	if max, ok := body["maxResults"].(float64); ok && len(out) > int(max) {
		out = out[:int(max)]
	}
	b, _ := json.Marshal(map[string]any{"issues": out, "isLast": true})
	reply(w, 200, string(b))
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func (f *fakeJira) issueRoute(w http.ResponseWriter, r *http.Request, route string, body map[string]any, raw []byte) {
	parts := strings.Split(strings.TrimPrefix(route, r.Method+" issue/"), "/")
	var is *fakeIssue
	for _, x := range f.issues {
		if x.ID == parts[0] {
			is = x
		}
	}
	if is == nil || !strings.HasPrefix(route, r.Method+" issue/") {
		reply(w, 404, `{"errorMessages":["Issue does not exist or you do not have permission to see it."]}`)
		return
	}
	sub := strings.Join(parts[1:], "/")
	switch r.Method + " " + sub {
	case "PUT ":
		for k, v := range body["fields"].(map[string]any) {
			is.Fields[k] = v
		}
		w.WriteHeader(http.StatusNoContent)
	case "GET transitions":
		if is.Status == "Done" {
			reply(w, 200, `{"transitions":[{"id":"11","name":"Back to do","to":{"name":"To Do"}}]}`)
		} else {
			reply(w, 200, `{"transitions":[{"id":"21","name":"Start","to":{"name":"In Progress"}},{"id":"31","name":"Resolve","to":{"name":"Done"}}]}`)
		}
	case "POST transitions":
		switch id := body["transition"].(map[string]any)["id"]; {
		case id == "31" && is.Status != "Done":
			is.Status, is.Resolution = "Done", "Done"
		case id == "11" && is.Status == "Done":
			is.Status, is.Resolution = "To Do", ""
		default:
			reply(w, 400, `{"errorMessages":["Transition id is not valid for this issue."]}`)
			return
		}
		if !f.lagging {
			is.indexedStatus = is.Status
		}
		w.WriteHeader(http.StatusNoContent)
	case "POST comment":
		is.Comments = append(is.Comments, body["body"])
		reply(w, 201, `{"id":"1"}`)
	case "POST attachments":
		if r.Header.Get("X-Atlassian-Token") != "no-check" {
			reply(w, 403, `XSRF check failed`)
			return
		}
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil {
			reply(w, 415, `{"errorMessages":["not multipart"]}`)
			return
		}
		form, err := multipart.NewReader(strings.NewReader(string(raw)), params["boundary"]).ReadForm(1 << 20)
		if err != nil || len(form.File["file"]) != 1 {
			reply(w, 400, `{"errorMessages":["want one file"]}`)
			return
		}
		fh := form.File["file"][0]
		rd, _ := fh.Open()
		data, _ := io.ReadAll(rd)
		is.Attachments[fh.Filename] = fh.Header.Get("Content-Type") + ":" + string(data)
		reply(w, 200, `[{"id":"1","filename":"x"}]`)
	default:
		reply(w, 404, `{"errorMessages":["no route"]}`)
	}
}

func reply(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	io.WriteString(w, body)
}

func (f *fakeJira) snapshot() ([]fakeIssue, []call) {
	f.mu.Lock()
	defer f.mu.Unlock()
	is := make([]fakeIssue, len(f.issues))
	for i, x := range f.issues {
		is[i] = *x
	}
	return is, append([]call(nil), f.calls...)
}

// routes are the calls as "METHOD path", the API prefix cut.
func routes(calls []call) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.Method + " " + strings.TrimPrefix(c.Path, "/rest/api/3/")
	}
	return out
}

// testSink talks to srv with a fake clock and exact backoffs (1s, 2s, ...).
func testSink(t testing.TB, srv *fakeJira, p Params) (*Sink, *retrytest.Clock) {
	t.Helper()
	clock := retrytest.NewClock(epoch)
	p.Name, p.URL, p.Username, p.APIKey = "tickets", srv.URL, testUser, testToken
	if p.ProjectName == "" {
		p.ProjectName = "OPS"
	}
	s, err := New(p, sink.Global{ClusterName: "prod-eu"},
		WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, clock
}

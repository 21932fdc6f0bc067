package jira

import (
	"context"
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// maxSummary is the longest summary Jira takes.
const maxSummary = 255

// resolvedComment is Robusta's comment on an issue its finding resolved.
const resolvedComment = "Issue was marked as resolved by the Alertmanager"

// Sink sends findings to Jira. It is safe for concurrent use.
type Sink struct {
	name, base, cluster    string
	projectName, issueType string
	dedups                 []string
	sendResolved, reopen   bool
	doneStatus, reopenTo   string
	noReopenResolution     string
	epic, assignee         string
	priorities             map[string]string
	api                    *httpapi.Client

	idsMu                  sync.Mutex
	projectID, issueTypeID string

	recent recentIssues

	// locks serialise the writes of findings with the same labels, so
	// that two at once do not both find no issue and both create one.
	locks [64]sync.Mutex
}

// Option changes how New builds a Sink.
type Option func(*httpapi.Client)

// WithHTTPClient sends through c.
func WithHTTPClient(c *http.Client) Option { return func(a *httpapi.Client) { a.HTTP = c } }

// WithPolicy sets the retry policy.
func WithPolicy(p retry.Policy) Option { return func(a *httpapi.Client) { a.Policy = p } }

// WithLogger logs failed attempts through l.
func WithLogger(l *slog.Logger) Option { return func(a *httpapi.Client) { a.Log = l } }

// defaultPriorities is Robusta's SEVERITY_JIRA_ID; others get "Major".
var defaultPriorities = map[string]string{"HIGH": "Critical", "LOW": "Minor", "INFO": "Minor"}

// New checks p and returns the sink. It makes no call: the project and the
// issue type are looked up at the first write. A nil Dedups is Robusta's
// default, [fingerprint]; an empty one turns deduplication off.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	fail := func(err error) (*Sink, error) { return nil, fmt.Errorf("jira_sink %q: %w", p.Name, err) }
	for _, r := range []struct{ key, value string }{{"url", p.URL}, {"username", p.Username}, {"api_key", p.APIKey}, {"project_name", p.ProjectName}} {
		if r.value == "" && (r.key != "project_name" || p.ProjectTypeIDOverride == 0) {
			return fail(fmt.Errorf("%s is required", r.key))
		}
	}
	base, err := httpapi.BaseURL("url", p.URL)
	if err != nil {
		return fail(err)
	}
	if p.Dedups == nil {
		p.Dedups = []string{"fingerprint"}
	}
	if err := checkDedups(p.Dedups); err != nil {
		return fail(err)
	}
	for sev := range p.PriorityMapping {
		switch sev {
		case "DEBUG", "INFO", "LOW", "MEDIUM", "HIGH":
		default:
			return fail(fmt.Errorf("priority_mapping: unknown severity %q (want HIGH, MEDIUM, LOW, INFO or DEBUG)", sev))
		}
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(p.Username+":"+p.APIKey))
	c := httpapi.Client{
		Sink:   fmt.Sprintf("jira_sink %q", p.Name),
		Header: func(h http.Header) { h.Set("Authorization", auth) },
	}
	for _, o := range opts {
		o(&c)
	}
	return &Sink{
		name: p.Name, base: base, cluster: g.ClusterName,
		projectName: p.ProjectName, issueType: or(p.IssueType, "Task"), dedups: p.Dedups,
		sendResolved: p.SendResolved, reopen: p.ReopenIssues,
		doneStatus: or(p.DoneStatusName, "Done"), reopenTo: or(p.ReopenStatusName, "To Do"),
		noReopenResolution: p.NoReopenResolution, epic: p.Epic, assignee: p.Assignee,
		priorities: p.PriorityMapping, api: httpapi.New(c),
		projectID: idString(p.ProjectTypeIDOverride), issueTypeID: idString(p.IssueTypeIDOverride),
	}, nil
}

func or(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// priority is the mapped priority of f's severity.
func (s *Sink) priority(f *api.Finding) string {
	sev := f.Severity.String()
	if p := s.priorities[sev]; p != "" {
		return p
	}
	if p := defaultPriorities[sev]; p != "" {
		return p
	}
	return "Major"
}

// resolved reports whether f ends an alert: Robusta looks at the title
// only; an EndsAt says the same without depending on a title template.
func resolved(f *api.Finding) bool {
	return f.EndsAt != nil || strings.HasPrefix(f.Title, "[RESOLVED]")
}

// fields are the issue's content: what a create sets, and an update
// (summary, description, assignee, parent).
func (s *Sink) fields(f *api.Finding) map[string]any {
	summary := strings.TrimSpace(f.Title)
	if summary == "" {
		summary = "Finding"
	}
	if r := []rune(summary); len(r) > maxSummary {
		summary = string(r[:maxSummary-1]) + "…"
	}
	m := map[string]any{"summary": summary, "description": description(f)}
	if s.assignee != "" {
		m["assignee"] = map[string]string{"id": s.assignee}
	}
	if s.epic != "" {
		m["parent"] = map[string]string{"key": s.epic}
	}
	return m
}

func files(f *api.Finding) []api.File {
	var out []api.File
	for _, e := range f.Enrichments {
		for _, b := range e.Blocks {
			if fb, ok := b.(api.File); ok && len(fb.Contents) > 0 {
				out = append(out, fb)
			}
		}
	}
	return out
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.HTTP.CloseIdleConnections()
	return nil
}

func (s *Sink) lock(labels []string) *sync.Mutex {
	h := fnv.New32a()
	for _, l := range labels {
		h.Write([]byte(l))
		h.Write([]byte{0})
	}
	return &s.locks[h.Sum32()%uint32(len(s.locks))]
}

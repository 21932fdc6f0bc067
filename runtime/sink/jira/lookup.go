package jira

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/robusta-go/robusta/runtime/sink/httpapi"
)

// ids returns the project's and the issue type's ids: the overrides, or
// looked up by name at the first write and kept. A failed lookup is tried
// again at the next write, so that a Jira down at start-up (Robusta then
// disables the sink until restarted) or a project created later is found.
func (s *Sink) ids(ctx context.Context) (project, issueType string, err error) {
	s.idsMu.Lock()
	defer s.idsMu.Unlock()
	if s.projectID == "" {
		if s.projectID, err = s.lookupProject(ctx); err != nil {
			return "", "", err
		}
	}
	if s.issueTypeID == "" {
		if s.issueTypeID, err = s.lookupIssueType(ctx, s.projectID); err != nil {
			return "", "", err
		}
	}
	return s.projectID, s.issueTypeID, nil
}

// lookupProject finds project_name among the projects, by name or key.
func (s *Sink) lookupProject(ctx context.Context) (string, error) {
	var out struct {
		Values []struct {
			ID   string `json:"id"`
			Key  string `json:"key"`
			Name string `json:"name"`
		} `json:"values"`
	}
	err := s.api.Do(ctx, httpapi.Request{Op: "find project", Method: http.MethodGet, Out: &out,
		URL: s.rest("project/search?query=" + url.QueryEscape(s.projectName))})
	if err != nil {
		return "", err
	}
	var names []string
	for _, p := range out.Values {
		if p.Name == s.projectName || p.Key == s.projectName {
			return p.ID, nil
		}
		names = append(names, p.Key+" ("+p.Name+")")
	}
	return "", fmt.Errorf("%s: no project named %q (found: %s); set project_name to a project's name or key, or project_type_id_override",
		s.api.Sink, s.projectName, list(names))
}

// lookupIssueType finds issue_type among the project's issue types.
// Robusta searches all the site's issue types, which picks another
// project's type of the same name in team-managed projects.
func (s *Sink) lookupIssueType(ctx context.Context, project string) (string, error) {
	var out []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	err := s.api.Do(ctx, httpapi.Request{Op: "find issue type", Method: http.MethodGet, Out: &out,
		URL: s.rest("issuetype/project?projectId=" + url.QueryEscape(project))})
	if err != nil {
		return "", err
	}
	var names []string
	for _, t := range out {
		if t.Name == s.issueType {
			return t.ID, nil
		}
		names = append(names, t.Name)
	}
	return "", fmt.Errorf("%s: project %s has no issue type %q (it has: %s); set issue_type or issue_type_id_override",
		s.api.Sink, s.projectName, s.issueType, list(names))
}

func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

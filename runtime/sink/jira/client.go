package jira

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"path"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// issue is what a search returns of an issue.
type issue struct {
	ID     string `json:"id"`
	Key    string `json:"key"`
	Fields struct {
		Status struct {
			Name string `json:"name"`
		} `json:"status"`
		Resolution *struct {
			Name string `json:"name"`
		} `json:"resolution"`
	} `json:"fields"`
}

func (i *issue) resolution() string {
	if i.Fields.Resolution == nil {
		return ""
	}
	return i.Fields.Resolution.Name
}

func (s *Sink) rest(p string) string { return s.base + "/rest/api/3/" + p }

// find returns the newest issue of the project with all the labels, or
// nil. It uses POST /search/jql, the endpoint that replaced /search. That
// search is eventually consistent: an issue created seconds ago may be
// missing from it, and a repeat would open a second one. The ids of the
// issues this sink changed last are passed as reconcileIssues, which
// Jira answers consistently for (Atlassian's "search and reconcile").
func (s *Sink) find(ctx context.Context, project string, labels []string) (*issue, error) {
	var out struct {
		Issues []issue `json:"issues"`
	}
	body := map[string]any{"jql": jql(project, labels), "maxResults": 1, "fields": []string{"status", "resolution"}}
	if ids := s.recent.list(); len(ids) > 0 {
		body["reconcileIssues"] = ids
	}
	err := s.api.Do(ctx, httpapi.Request{
		Op: "search issues", Method: http.MethodPost, URL: s.rest("search/jql"), Out: &out, JSON: body,
	})
	if err != nil || len(out.Issues) == 0 {
		return nil, err
	}
	return &out.Issues[0], nil
}

// create opens an issue and attaches f's files. A priority the project's
// scheme lacks fails the create with errors.priority (Robusta's default
// names, Critical and Minor, are not in Jira Cloud's default scheme): the
// issue is then created without one, rather than not at all.
func (s *Sink) create(ctx context.Context, fields map[string]any, files []api.File) error {
	var out struct {
		ID  string `json:"id"`
		Key string `json:"key"`
	}
	req := func() httpapi.Request {
		return httpapi.Request{Op: "create issue", Method: http.MethodPost, URL: s.rest("issue"), Out: &out,
			JSON: map[string]any{"update": map[string]any{}, "fields": fields}}
	}
	err := s.api.Do(ctx, req())
	if _, ok := fields["priority"]; ok && priorityRejected(err) {
		s.api.Log.WarnContext(ctx, "jira_sink: the priority is not in the project's scheme; creating the issue without it (set priority_mapping)",
			"sink", s.name, "priority", fields["priority"])
		delete(fields, "priority")
		err = s.api.Do(ctx, req())
	}
	if err != nil {
		return err
	}
	s.recent.add(out.ID)
	var errs []error
	for _, f := range files {
		errs = append(errs, s.attach(ctx, out.ID, f))
	}
	return errors.Join(errs...)
}

func priorityRejected(err error) bool {
	var se *retry.StatusError
	return errors.As(err, &se) && se.Code == http.StatusBadRequest && strings.Contains(se.Body, `"priority"`)
}

func (s *Sink) update(ctx context.Context, id string, fields map[string]any) error {
	s.recent.add(id)
	return s.api.Do(ctx, httpapi.Request{Op: "update issue", Method: http.MethodPut,
		URL: s.rest("issue/" + url.PathEscape(id)), JSON: map[string]any{"fields": fields}})
}

func (s *Sink) comment(ctx context.Context, id, text string) error {
	return s.api.Do(ctx, httpapi.Request{Op: "comment issue", Method: http.MethodPost,
		URL: s.rest("issue/" + url.PathEscape(id) + "/comment"), JSON: map[string]any{"body": newDoc([]node{paragraph(plain(text))})}})
}

// transition moves an issue to the status named status (without case), by
// the transition that leads there, as Robusta finds it.
func (s *Sink) transition(ctx context.Context, id, status string) error {
	var out struct {
		Transitions []struct {
			ID string `json:"id"`
			To struct {
				Name string `json:"name"`
			} `json:"to"`
		} `json:"transitions"`
	}
	u := s.rest("issue/" + url.PathEscape(id) + "/transitions")
	if err := s.api.Do(ctx, httpapi.Request{Op: "list transitions", Method: http.MethodGet, URL: u, Out: &out}); err != nil {
		return err
	}
	for _, t := range out.Transitions {
		if strings.EqualFold(t.To.Name, status) {
			s.recent.add(id)
			return s.api.Do(ctx, httpapi.Request{Op: "transition issue", Method: http.MethodPost, URL: u,
				JSON: map[string]any{"transition": map[string]string{"id": t.ID}}})
		}
	}
	return fmt.Errorf("%s: issue %s has no transition to status %q", s.api.Sink, id, status)
}

// attach uploads one file (POST .../attachments, multipart field "file",
// with the header Jira requires against cross-site requests).
func (s *Sink) attach(ctx context.Context, id string, f api.File) error {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	name := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", mime.FormatMediaType("form-data", map[string]string{"name": "file", "filename": name}))
	h.Set("Content-Type", ctype)
	part, err := w.CreatePart(h)
	if err == nil {
		_, err = part.Write(f.Contents)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return fmt.Errorf("%s: building the attachment %s: %w", s.api.Sink, name, err)
	}
	return s.api.Do(ctx, httpapi.Request{Op: "attach " + name, Method: http.MethodPost,
		URL: s.rest("issue/" + url.PathEscape(id) + "/attachments"), Body: body.Bytes(), ContentType: w.FormDataContentType(),
		Header: http.Header{"X-Atlassian-Token": {"no-check"}}})
}

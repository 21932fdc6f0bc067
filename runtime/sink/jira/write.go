package jira

import (
	"context"
	"fmt"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
)

// Write creates, updates, reopens or resolves f's issue, by Robusta's
// rules (integrations/jira/client.py manage_issue), for every finding:
// Robusta applies them to Prometheus alerts only and creates a new issue
// for every repeat of any other finding, whatever dedups says.
//
//	no issue with f's labels      firing: create; resolved: nothing
//	an open issue                 firing: update it; resolved: with
//	                              sendResolved, move it to done and comment
//	a done issue                  resolved: nothing; firing: nothing when its
//	                              resolution is noReopenResolution, else with
//	                              reopenIssues move it to reopenStatusName and
//	                              update it, else create a new issue
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	project, issueType, err := s.ids(ctx)
	if err != nil {
		return err
	}
	labels := labels(f, s.cluster, s.dedups)
	res := resolved(f)
	create := func() error {
		if res {
			return nil
		}
		fields := s.fields(f)
		fields["labels"] = append([]string{}, labels...)
		fields["priority"] = map[string]string{"name": s.priority(f)}
		fields["issuetype"] = map[string]string{"id": issueType}
		fields["project"] = map[string]string{"id": project}
		return s.create(ctx, fields, files(f))
	}
	if len(labels) == 0 {
		return create()
	}
	mu := s.lock(labels)
	mu.Lock()
	defer mu.Unlock()
	is, err := s.find(ctx, project, labels)
	if err != nil || is == nil {
		if err != nil {
			return err
		}
		return create()
	}
	done := strings.EqualFold(is.Fields.Status.Name, s.doneStatus)
	log := s.api.Log.With("sink", s.name, "issue", is.Key)
	switch {
	case done && res:
		log.DebugContext(ctx, "jira_sink: the issue of a resolved finding is already done")
	case done && s.noReopenResolution != "" && is.resolution() == s.noReopenResolution:
		log.InfoContext(ctx, "jira_sink: not reopening an issue by its resolution", "resolution", is.resolution())
	case done && s.reopen:
		if err := s.transition(ctx, is.ID, s.reopenTo); err != nil {
			return fmt.Errorf("reopening %s: %w", is.Key, err)
		}
		return s.update(ctx, is.ID, s.fields(f))
	case done:
		return create()
	case res && s.sendResolved:
		if err := s.transition(ctx, is.ID, s.doneStatus); err != nil {
			return fmt.Errorf("resolving %s: %w", is.Key, err)
		}
		return s.comment(ctx, is.ID, resolvedComment)
	case res:
		log.DebugContext(ctx, "jira_sink: finding resolved; sendResolved is off, so the issue is left open")
	default:
		return s.update(ctx, is.ID, s.fields(f))
	}
	return nil
}

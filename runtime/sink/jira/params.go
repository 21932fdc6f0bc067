package jira

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Params configures jira_sink: Robusta's JiraSinkParams, with its key
// names (sendResolved, reopenIssues, ... are camel case there too).
type Params struct {
	sink.Common
	URL                   string            `json:"url" jsonschema:"minLength=1,pattern=^https?://" jsonschema_description:"The Jira site, https://your-team.atlassian.net."`
	Username              string            `json:"username" jsonschema:"minLength=1" jsonschema_description:"The Atlassian account's email the API token belongs to."`
	APIKey                string            `json:"api_key" jsonschema:"minLength=1" jsonschema_description:"An Atlassian API token of that account; use {{ env.NAME }} to keep it out of values.yaml."`
	ProjectName           string            `json:"project_name" jsonschema:"minLength=1" jsonschema_description:"The project issues are created in, by name or key."`
	ProjectTypeIDOverride int64             `json:"project_type_id_override,omitempty" jsonschema_description:"The project's id, to skip looking it up by project_name."`
	IssueType             string            `json:"issue_type,omitempty" jsonschema:"default=Task" jsonschema_description:"The issue type's name in the project."`
	IssueTypeIDOverride   int64             `json:"issue_type_id_override,omitempty" jsonschema_description:"The issue type's id, to skip looking it up by issue_type."`
	Dedups                []string          `json:"dedups,omitempty" jsonschema:"default=[\"fingerprint\"]" jsonschema_description:"Finding attributes whose values label the issue and find it again: fingerprint, aggregation_key, identifier, title, description, name, namespace, kind, node, severity, source, type, finding_type, service_key, cluster_name, creation_date, starts_at. An open issue with the same labels is updated rather than a new one created; an empty list creates an issue for every finding."`
	SendResolved          bool              `json:"sendResolved,omitempty" jsonschema_description:"When the finding is resolved, move its open issue to doneStatusName and comment that it was resolved."`
	ReopenIssues          bool              `json:"reopenIssues,omitempty" jsonschema_description:"When a finding fires again and its issue is done, move the issue to reopenStatusName instead of creating a new one."`
	DoneStatusName        string            `json:"doneStatusName,omitempty" jsonschema:"default=Done" jsonschema_description:"The status an issue is done in (compared without case)."`
	ReopenStatusName      string            `json:"reopenStatusName,omitempty" jsonschema:"default=To Do" jsonschema_description:"The status a done issue is reopened to."`
	NoReopenResolution    string            `json:"noReopenResolution,omitempty" jsonschema_description:"A resolution (e.g. Won't Do) under which a done issue is left done when its finding fires again: nothing is sent."`
	Epic                  string            `json:"epic,omitempty" jsonschema_description:"The key of the epic (parent issue) issues are put under, e.g. OPS-12."`
	Assignee              string            `json:"assignee,omitempty" jsonschema_description:"The Atlassian account id issues are assigned to."`
	PriorityMapping       map[string]string `json:"priority_mapping,omitempty" jsonschema_description:"Jira priority names by finding severity (HIGH, MEDIUM, LOW, INFO, DEBUG); the default is Robusta's: HIGH Critical, LOW and INFO Minor, others Major. A priority the project does not have is left out of the issue, with a warning."`
}

// Type is jira_sink.
var Type = sink.Type{
	Key:    "jira_sink",
	Doc:    "Opens a Jira issue for each finding through Jira Cloud's REST API v3, deduplicated by labels (the fingerprint's by default), moved to done when the finding is resolved and reopened when it fires again.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading jira_sink params: %w", err)
		}
		s, err := New(p, g)
		if err != nil {
			return nil, err
		}
		return s, nil
	},
}

package playbooks_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// kubeEvent is an Event of type typ and reason about a pod (or, with
// kind Node, about node-1) as on_event_create hands it to an action.
func kubeEvent(t *testing.T, typ, reason, kind string) (api.Object, api.ExecutionEvent) {
	t.Helper()
	about := `{kind: Pod, name: api-0, namespace: prod}`
	if kind == "Node" {
		about = `{kind: Node, name: node-1}`
	}
	e := apitest.Object(t, `
apiVersion: v1
kind: Event
metadata: {name: e-`+reason+`, namespace: prod}
involvedObject: `+about+`
type: `+typ+`
reason: `+reason+`
message: "the message of `+reason+`"
lastTimestamp: "2026-01-02T03:04:05Z"
`)
	return e, apitest.Change(t, "on_event_create", api.OperationCreate, e, nil)
}

type eventWant struct {
	title, description, key string
	severity                api.Severity
	subject                 api.Subject
}

func checkEventFinding(t *testing.T, res *apitest.Result, want eventWant) {
	t.Helper()
	f := res.Finding(t)
	got := eventWant{f.Title, f.Description, f.AggregationKey, f.Severity, f.Subject}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(eventWant{})); diff != "" {
		t.Errorf("finding (-want +got):\n%s\n%s", diff, res)
	}
	if f.Source != api.SourceKubernetesAPI || f.Type != api.TypeIssue {
		t.Errorf("source %q, type %q", f.Source, f.Type)
	}
}

var podSubject = api.Subject{Kind: "Pod", Name: "api-0", Namespace: "prod"}

func TestCreateEventFinding(t *testing.T) {
	_, ev := kubeEvent(t, "Warning", "Evicted", "Pod")
	res := apitest.Run(t, playbooks.Actions, "create_event_finding", `{aggregation_key: PodEviction}`, ev, nil)
	checkEventFinding(t, res, eventWant{"Evicted Warning for Pod prod/api-0", "the message of Evicted", "PodEviction", api.SeverityDebug, podSubject})

	// A Normal event is INFO; a Node's event names no namespace (Robusta
	// writes "None/") and has the node as the subject's node.
	_, ev = kubeEvent(t, "Normal", "NodeReady", "Node")
	res = apitest.Run(t, playbooks.Actions, "create_event_finding", `{aggregation_key: NodeEvents}`, ev, nil)
	checkEventFinding(t, res, eventWant{"NodeReady Normal for Node node-1", "the message of NodeReady", "NodeEvents", api.SeverityInfo,
		api.Subject{Kind: "Node", Name: "node-1", Node: "node-1"}})
}

func TestEventReport(t *testing.T) {
	for typ, severity := range map[string]api.Severity{"Warning": api.SeverityDebug, "Normal": api.SeverityInfo} {
		_, ev := kubeEvent(t, typ, "Pulled", "Pod")
		res := apitest.Run(t, playbooks.Actions, "event_report", "", ev, nil)
		checkEventFinding(t, res, eventWant{"Pulled " + typ + " for Pod prod/api-0", "the message of Pulled", "Kubernetes" + typ + "Event", severity, podSubject})
	}
}

// robustaWarningGroups are the params of warning_events_report in
// Robusta's default values (K8sWarningEventsReport), as its users have them.
func robustaWarningGroups(t *testing.T) string {
	t.Helper()
	var values struct {
		PlatformPlaybooks []struct {
			Name    string
			Actions []map[string]any
		} `yaml:"platformPlaybooks"`
	}
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	for _, pb := range values.PlatformPlaybooks {
		if pb.Name == "K8sWarningEventsReport" {
			b, err := json.Marshal(pb.Actions[0]["warning_events_report"])
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no K8sWarningEventsReport playbook", conformance.HelmValuesFile)
	return ""
}

func TestWarningEventsReportRobustaGroups(t *testing.T) {
	groups := robustaWarningGroups(t)
	for reason, key := range map[string]string{
		"BackOff":          "PodLifecycleWarning",
		"NodeNotReady":     "NodeHealthWarning",
		"Unhealthy":        "ProbeFailure",
		"FailedScheduling": "SchedulingWarning",
		"FailedMount":      "VolumeWarning",
		// Matched exactly, as in Robusta: no group names these.
		"backoff":     "KubernetesWarningEvent",
		"SomeWarning": "KubernetesWarningEvent",
	} {
		_, ev := kubeEvent(t, "Warning", reason, "Pod")
		res := apitest.Run(t, playbooks.Actions, "warning_events_report", groups, ev, nil)
		checkEventFinding(t, res, eventWant{reason + " Warning for Pod prod/api-0", "the message of " + reason, key, api.SeverityDebug, podSubject})
	}
	// A Normal event no group names keeps its own type's key and INFO.
	_, ev := kubeEvent(t, "Normal", "Scheduled", "Pod")
	res := apitest.Run(t, playbooks.Actions, "warning_events_report", groups, ev, nil)
	checkEventFinding(t, res, eventWant{"Scheduled Normal for Pod prod/api-0", "the message of Scheduled", "KubernetesNormalEvent", api.SeverityInfo, podSubject})
}

// The first group naming the reason wins, and its description is a
// template over the Event's object.
func TestWarningEventsReportFirstGroupAndDescription(t *testing.T) {
	params := `{warning_event_groups: [
  {aggregation_key: First, matchers: [BackOff], description: "$kind $name in $namespace on $node backs off"},
  {aggregation_key: Second, matchers: [BackOff, Failed]}]}`
	_, ev := kubeEvent(t, "Warning", "BackOff", "Pod")
	res := apitest.Run(t, playbooks.Actions, "warning_events_report", params, ev, nil)
	checkEventFinding(t, res, eventWant{"BackOff Warning for Pod prod/api-0", "Pod api-0 in prod on <missing> backs off", "First", api.SeverityDebug, podSubject})

	_, ev = kubeEvent(t, "Warning", "Failed", "Pod")
	res = apitest.Run(t, playbooks.Actions, "warning_events_report", params, ev, nil)
	checkEventFinding(t, res, eventWant{"Failed Warning for Pod prod/api-0", "the message of Failed", "Second", api.SeverityDebug, podSubject})
}

func TestEventResourceEvents(t *testing.T) {
	e, ev := kubeEvent(t, "Warning", "BackOff", "Pod")
	older := apitest.Object(t, `
apiVersion: v1
kind: Event
metadata: {name: older, namespace: prod}
involvedObject: {kind: Pod, name: api-0, namespace: prod}
type: Normal
reason: Pulled
message: pulled
lastTimestamp: "2026-01-02T03:00:00Z"
`)
	other := apitest.Object(t, `
apiVersion: v1
kind: Event
metadata: {name: other, namespace: prod}
involvedObject: {kind: Pod, name: web-0, namespace: prod}
type: Warning
reason: OtherPod
message: not about api-0
`)
	res := apitest.Run(t, playbooks.Actions, "event_resource_events", "", ev, apitest.NewCluster(e, older, other))
	f := res.Finding(t)
	if len(f.Enrichments) != 1 || f.Enrichments[0].Title != "Related Events" {
		t.Fatalf("enrichments:\n%s", res)
	}
	table := f.Enrichments[0].Blocks[0].(api.Table)
	var reasons []string
	for _, r := range table.Rows {
		reasons = append(reasons, r[0])
	}
	if table.Name != "Related Events" || !cmp.Equal(reasons, []string{"BackOff", "Pulled"}) {
		t.Errorf("table %q, reasons %q (want the object's events, newest first):\n%s", table.Name, reasons, res)
	}

	// As in Robusta's K8sWarningEventsReport: after warning_events_report
	// the table goes to the Event's finding.
	_, ev = kubeEvent(t, "Warning", "BackOff", "Pod")
	apitest.Run(t, playbooks.Actions, "warning_events_report", robustaWarningGroups(t), ev, nil)
	res = apitest.Run(t, playbooks.Actions, "event_resource_events", "", ev, apitest.NewCluster(e, older, other))
	f = res.Finding(t)
	if f.AggregationKey != "PodLifecycleWarning" || len(f.Enrichments) != 1 || f.Enrichments[0].Title != "Related Events" {
		t.Errorf("warning_events_report then event_resource_events:\n%s", res)
	}
}

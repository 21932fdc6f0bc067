package playbooks_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// Each built-in action run as an author would test theirs: through the
// generated registry with params as values.yaml writes them, on a cluster
// that exists only in the test (runtime/api/apitest).

const podYAML = `
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: prod, labels: {app: api}}
spec:
  nodeName: node-1
  containers: [{name: main}, {name: sidecar}]
`

func podUpdate(t *testing.T) (api.Object, api.ExecutionEvent) {
	pod := apitest.Object(t, podYAML)
	return pod, apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
}

func TestEchoWithAPITest(t *testing.T) {
	_, ev := podUpdate(t)
	res := apitest.Run(t, playbooks.Actions, "echo", `{message: "hello"}`, ev, nil)
	f := res.Finding(t)
	if f.Title != "Update to pod api-0" || !cmp.Equal(res.Blocks(), []api.Block{api.MarkdownBlock("hello")}) {
		t.Errorf("echo:\n%s", res)
	}
}

func TestCreateFindingWithAPITest(t *testing.T) {
	_, ev := podUpdate(t)
	res := apitest.Run(t, playbooks.Actions, "create_finding", `{title: "$name of $labels.app is slow", severity: LOW}`, ev, nil)
	f := res.Finding(t)
	// Without aggregation_key the title's template is the key: one group
	// for every pod, not one per pod.
	if f.Title != "api-0 of api is slow" || f.Severity != api.SeverityLow || f.AggregationKey != "$name of $labels.app is slow" {
		t.Errorf("create_finding:\n%s", res)
	}
}

// Robusta's default K8sJobFailure playbook: the title templated, the
// aggregation key as written, HIGH by default.
func TestCreateFindingRobustaJobFailure(t *testing.T) {
	job := apitest.Object(t, `{apiVersion: batch/v1, kind: Job, metadata: {name: etl, namespace: prod}}`)
	ev := apitest.Change(t, "on_job_update", api.OperationUpdate, job, nil)
	res := apitest.Run(t, playbooks.Actions, "create_finding", `{aggregation_key: "JobFailure", title: "Job $name on namespace $namespace failed"}`, ev, nil)
	f := res.Finding(t)
	if f.Title != "Job etl on namespace prod failed" || f.AggregationKey != "JobFailure" || f.Severity != api.SeverityHigh || f.Subject.Name != "etl" {
		t.Errorf("create_finding:\n%s", res)
	}
	// $kind is Robusta's lowercase subject type; a key with $ stays as written;
	// a cluster-scoped subject has no namespace: <missing>, as in Robusta.
	node := apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1}}`)
	ev = apitest.Change(t, "on_node_update", api.OperationUpdate, node, nil)
	res = apitest.Run(t, playbooks.Actions, "create_finding", `{aggregation_key: "$kind", title: "$kind $name in $namespace"}`, ev, nil)
	if f := res.Finding(t); f.Title != "node node-1 in <missing>" || f.AggregationKey != "$kind" {
		t.Errorf("create_finding on a node:\n%s", res)
	}
}

func TestPodBashEnricherWithAPITest(t *testing.T) {
	_, ev := podUpdate(t)
	c := apitest.NewCluster().WithExec("prod", "api-0", "", func(cmd []string) (string, error) {
		return "ran " + cmd[len(cmd)-1], nil
	})
	res := apitest.Run(t, playbooks.Actions, "pod_bash_enricher", `{bash_command: "ps aux"}`, ev, c)
	if res.Err != nil || !strings.Contains(res.String(), "ran ps aux") || !strings.Contains(res.String(), "Command results for *ps aux:*") {
		t.Errorf("pod_bash_enricher:\n%s", res)
	}
}

func TestLogsEnricherWithAPITest(t *testing.T) {
	_, ev := podUpdate(t)
	c := apitest.NewCluster().WithLogs("prod", "api-0", "sidecar", "ok\nerror: boom\nok\n")
	res := apitest.Run(t, playbooks.Actions, "logs_enricher", `{container_name: sidecar, filter_regex: "^error"}`, ev, c)
	if got := string(res.Files()["api-0.log"]); got != "error: boom\n" {
		t.Errorf("logs_enricher file = %q:\n%s", got, res)
	}
	if want := []string{`logs prod/api-0 container="sidecar" previous=false tail=0`}; !cmp.Equal(c.Calls(), want) {
		t.Errorf("calls = %q, want %q", c.Calls(), want)
	}
}

func TestPodEventsEnricherWithAPITest(t *testing.T) {
	pod, ev := podUpdate(t)
	warning := apitest.Object(t, `
apiVersion: v1
kind: Event
metadata: {name: e1, namespace: prod}
involvedObject: {kind: Pod, name: api-0, namespace: prod}
type: Warning
reason: BackOff
message: Back-off restarting failed container
lastTimestamp: "2026-01-02T03:04:05Z"
`)
	res := apitest.Run(t, playbooks.Actions, "pod_events_enricher", `{included_types: [Warning]}`, ev, apitest.NewCluster(pod, warning))
	blocks := res.Blocks()
	table, ok := blocks[len(blocks)-1].(api.Table)
	if res.Err != nil || !ok || len(table.Rows) != 1 || table.Rows[0][0] != "BackOff" {
		t.Errorf("pod_events_enricher:\n%s", res)
	}
}

func TestResourceBabysitterWithAPITest(t *testing.T) {
	old := apitest.Object(t, podYAML)
	changed := apitest.Object(t, strings.Replace(podYAML, "app: api", "app: web", 1))
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, changed, old)
	res := apitest.Run(t, playbooks.Actions, "resource_babysitter", "", ev, nil)
	if res.Err != nil || !strings.Contains(res.String(), "metadata.labels['app']") {
		t.Errorf("resource_babysitter:\n%s", res)
	}
	f := res.Finding(t)
	if f.Title != "pod/prod/api-0.yaml updated" || f.Description != "Pod updated\n ● Attributes: app" || f.Severity != api.SeverityInfo ||
		f.AggregationKey != "ConfigurationChange/KubernetesResource/Change" || f.Enrichments[0].Title != "Kubernetes Manifest Change" {
		t.Errorf("resource_babysitter finding:\n%s", res)
	}
}

// Robusta's K8sChangeTracking playbook: on_kubernetes_resource_operation
// hands the babysitter any kind; the finding names the manifest and the
// changed attributes (the image, as Robusta's element-wise diff names it,
// not the containers list).
func TestResourceBabysitterResourceOperation(t *testing.T) {
	const dep = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod, resourceVersion: "1"}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: main, image: "web:1"}]}
`
	old := apitest.Object(t, dep)
	changed := apitest.Object(t, strings.NewReplacer(`"web:1"`, `"web:2"`, `resourceVersion: "1"`, `resourceVersion: "2"`).Replace(dep))
	ev := apitest.Change(t, "on_kubernetes_resource_operation", api.OperationUpdate, changed, old)
	res := apitest.Run(t, playbooks.Actions, "resource_babysitter", "", ev, nil)
	f := res.Finding(t)
	if f.Title != "deployment/prod/web.yaml updated" || f.Description != "Deployment updated\n ● Attributes: image" || f.Type != api.TypeConfigChange {
		t.Errorf("resource_babysitter:\n%s", res)
	}
	// An update of bookkeeping fields alone reports nothing.
	same := apitest.Object(t, strings.Replace(dep, `resourceVersion: "1"`, `resourceVersion: "3"`, 1))
	ev = apitest.Change(t, "on_kubernetes_resource_operation", api.OperationUpdate, same, old)
	if res := apitest.Run(t, playbooks.Actions, "resource_babysitter", "", ev, nil); res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("bookkeeping-only update:\n%s", res)
	}
}

// Under on_kubernetes_resource_operation's default change_filters
// (Robusta's: include spec; ignore status, metadata.generation,
// metadata.resourceVersion, metadata.managedFields, spec.replicas), an
// update that changes the image and scales reports the image only; custom
// change_filters report what they include; a create shows the object
// without the ignored fields.
func TestResourceBabysitterChangeFilters(t *testing.T) {
	const dep = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod, resourceVersion: "1", labels: {team: a}}
spec:
  replicas: 2
  template:
    spec: {containers: [{name: main, image: "web:1"}]}
status: {replicas: 2}
`
	old := apitest.Object(t, dep)
	changed := apitest.Object(t, strings.NewReplacer(`"web:1"`, `"web:2"`, `replicas: 2`, `replicas: 5`, `team: a`, `team: b`, `resourceVersion: "1"`, `resourceVersion: "2"`).Replace(dep))
	for _, c := range []struct {
		name, trigger, params string
		op                    api.Operation
		desc                  string
		paths                 []string
	}{
		{"defaults", "on_kubernetes_resource_operation", `{}`, api.OperationUpdate,
			"Deployment updated\n ● Attributes: image", []string{"spec.template.spec.containers[0].image"}},
		{"custom", "on_deployment_update", `{"change_filters": {"include": ["metadata.labels", "replicas"], "ignore": ["status"]}}`, api.OperationUpdate,
			"Deployment updated\n ● Attributes: team, replicas", []string{"metadata.labels['team']", "spec.replicas"}},
		{"create", "on_kubernetes_resource_operation", `{}`, api.OperationCreate,
			"Deployment created", []string{"apiVersion", "kind", "metadata.labels['team']", "metadata.name", "metadata.namespace", "spec.template.spec.containers[0].image", "spec.template.spec.containers[0].name"}},
	} {
		spec, _ := trigger.Lookup(c.trigger)
		tr, err := trigger.Compile(spec, []byte(c.params))
		if err != nil {
			t.Fatal(err)
		}
		obj, prev := changed, old
		if c.op == api.OperationCreate {
			prev = nil
		}
		if _, ok := tr.Match(trigger.Input{Kind: "Deployment", Operation: c.op, Obj: obj, Old: prev}); !ok {
			t.Fatalf("%s: %s did not fire", c.name, c.trigger)
		}
		ev := apitest.Change(t, c.trigger, c.op, obj, prev)
		ev.Execution().SetChangeFilter(tr.ChangeFilter()) // as the engine does
		res := apitest.Run(t, playbooks.Actions, "resource_babysitter", "", ev, nil)
		f := res.Finding(t)
		var paths []string
		for _, d := range f.Enrichments[0].Blocks[0].(api.KubernetesDiff).Diffs {
			paths = append(paths, d.Path)
		}
		if f.Description != c.desc || !cmp.Equal(paths, c.paths) {
			t.Errorf("%s: description %q, diff paths %q; want %q, %q", c.name, f.Description, paths, c.desc, c.paths)
		}
	}
}

// A read the test did not set up is an error naming the missing call,
// never an empty log that could pass for a result.
func TestAPITestNamesMissingSetup(t *testing.T) {
	_, ev := podUpdate(t)
	res := apitest.Run(t, playbooks.Actions, "logs_enricher", "", ev, apitest.NewCluster())
	if res.Err == nil || !strings.Contains(res.Err.Error(), "call Cluster.WithLogs") {
		t.Errorf("logs_enricher without a log set up: err %v, want apitest's hint", res.Err)
	}
}

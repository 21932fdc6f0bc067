package playbooks_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const failedJobYAML = `
apiVersion: batch/v1
kind: Job
metadata: {name: etl, namespace: prod}
spec:
  completions: 1
  backoffLimit: 2
  selector: {matchLabels: {batch.kubernetes.io/controller-uid: u1}}
  template:
    spec:
      restartPolicy: Never
      initContainers: [{name: init, image: busybox}]
      containers:
      - name: main
        image: etl:1.2
        resources:
          requests: {cpu: 250m, memory: 128Mi}
          limits: {cpu: "1", memory: 256Mi}
status:
  failed: 3
  startTime: "2026-01-02T03:00:00Z"
  conditions:
  - {type: FailureTarget, status: "True", message: "Job has reached the specified backoff limit"}
  - {type: Failed, status: "True", message: "Job has reached the specified backoff limit"}
`

func jobUpdate(t *testing.T, manifest string) (api.Object, api.ExecutionEvent) {
	job := apitest.Object(t, manifest)
	return job, apitest.Change(t, "on_job_update", api.OperationUpdate, job, nil)
}

func TestJobInfoEnricher(t *testing.T) {
	_, ev := jobUpdate(t, failedJobYAML)
	res := apitest.Run(t, playbooks.Actions, "job_info_enricher", "", ev, nil)
	blocks := res.Blocks()
	table, ok := blocks[len(blocks)-1].(api.Table)
	if res.Err != nil || !ok {
		t.Fatalf("job_info_enricher:\n%s", res)
	}
	want := [][]string{
		// Failed, not the interim FailureTarget Robusta would show first.
		{"status", "Failed"},
		{"message", "Job has reached the specified backoff limit"},
		{"completions", "0/1"},
		{"failures", "3"},
		{"backoffLimit", "2"},
		{"duration", "2026-01-02T03:00:00Z - None"},
		{"containers", "------------------"},
		{"name", "init"}, {"image", "busybox"}, {"cpu (request/limit)", "None/None"}, {"memory MB (request/limit)", "None/None"},
		{"name", "main"}, {"image", "etl:1.2"}, {"cpu (request/limit)", "0.25/1.0"}, {"memory MB (request/limit)", "128/256"},
	}
	if diff := cmp.Diff(want, table.Rows); diff != "" || table.Name != "*Job information*" || !cmp.Equal(table.Headers, []string{"description", "value"}) {
		t.Errorf("table %q %q, rows (-want +got):\n%s", table.Name, table.Headers, diff)
	}
}

func TestJobInfoStatus(t *testing.T) {
	for status, manifest := range map[string]string{
		"Running":  `{apiVersion: batch/v1, kind: Job, metadata: {name: j, namespace: prod}, status: {active: 1}}`,
		"Starting": `{apiVersion: batch/v1, kind: Job, metadata: {name: j, namespace: prod}}`,
		"Unknown":  `{apiVersion: batch/v1, kind: Job, metadata: {name: j, namespace: prod}, status: {failed: 1}}`,
		"Suspended": `{apiVersion: batch/v1, kind: Job, metadata: {name: j, namespace: prod},
		  status: {conditions: [{type: Suspended, status: "True"}]}}`,
	} {
		_, ev := jobUpdate(t, manifest)
		res := apitest.Run(t, playbooks.Actions, "job_info_enricher", "", ev, nil)
		rows := res.Blocks()[0].(api.Table).Rows
		if !cmp.Equal(rows[0], []string{"status", status}) || rows[1][0] != "completions" {
			t.Errorf("status rows %q, want %s and no message", rows[:2], status)
		}
	}
}

func jobEvent(t *testing.T, name, kind, object, reason, at string) api.Object {
	return apitest.Object(t, `
apiVersion: v1
kind: Event
metadata: {name: `+name+`, namespace: prod}
involvedObject: {kind: `+kind+`, name: `+object+`, namespace: prod}
type: Warning
reason: `+reason+`
message: `+reason+` happened
lastTimestamp: "`+at+`"
`)
}

func TestJobEventsEnricher(t *testing.T) {
	job, ev := jobUpdate(t, failedJobYAML)
	c := apitest.NewCluster(job,
		jobEvent(t, "e1", "Job", "etl", "BackoffLimitExceeded", "2026-01-02T03:05:00Z"),
		jobEvent(t, "e2", "Job", "etl", "SuccessfulCreate", "2026-01-02T03:00:00Z"),
		jobEvent(t, "e3", "Pod", "etl-abc", "BackOff", "2026-01-02T03:06:00Z"),
	)
	res := apitest.Run(t, playbooks.Actions, "job_events_enricher", "", ev, c)
	f := res.Finding(t)
	if res.Err != nil || len(f.Enrichments) != 1 || f.Enrichments[0].Title != "Job Events" {
		t.Fatalf("job_events_enricher:\n%s", res)
	}
	table := f.Enrichments[0].Blocks[0].(api.Table)
	if table.Name != "*Job events:*" || len(table.Rows) != 2 || table.Rows[0][0] != "BackoffLimitExceeded" || table.Rows[1][0] != "SuccessfulCreate" {
		t.Errorf("table %q rows %q: want the job's two events, newest first", table.Name, table.Rows)
	}
	// A job without events adds nothing.
	_, ev = jobUpdate(t, failedJobYAML)
	res = apitest.Run(t, playbooks.Actions, "job_events_enricher", "", ev, apitest.NewCluster(job))
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("job_events_enricher without events:\n%s", res)
	}
}

func jobPod(t *testing.T, name, started string) api.Object {
	return labelledPod(t, name, "batch.kubernetes.io/controller-uid: u1", started)
}

func labelledPod(t *testing.T, name, label, started string) api.Object {
	status := ""
	if started != "" {
		status = "\nstatus: {startTime: \"" + started + "\"}"
	}
	return apitest.Object(t, `
apiVersion: v1
kind: Pod
metadata: {name: `+name+`, namespace: prod, creationTimestamp: "2026-01-02T02:00:00Z", labels: {`+label+`}}
spec: {containers: [{name: main}]}`+status)
}

func TestJobPodEnricher(t *testing.T) {
	job, ev := jobUpdate(t, failedJobYAML)
	c := apitest.NewCluster(job,
		jobPod(t, "etl-old", "2026-01-02T03:00:00Z"),
		jobPod(t, "etl-new", "2026-01-02T03:04:00Z"),
		jobPod(t, "etl-pending", ""),                                                              // not started: counts from its creation, before both
		labelledPod(t, "other", "batch.kubernetes.io/controller-uid: u2", "2026-01-02T03:09:00Z"), // another job's
		jobEvent(t, "e1", "Pod", "etl-new", "BackOff", "2026-01-02T03:05:00Z"),
		jobEvent(t, "e2", "Pod", "etl-old", "OldPodEvent", "2026-01-02T03:01:00Z"),
	).WithLogs("prod", "etl-new", "main", "line 1\ntoken=abc\n")
	res := apitest.Run(t, playbooks.Actions, "job_pod_enricher", `{regex_replacer_patterns: [{name: Token, regex: "token=\\w+"}]}`, ev, c)
	blocks := res.Blocks()
	if res.Err != nil || len(blocks) != 2 {
		t.Fatalf("job_pod_enricher:\n%s", res)
	}
	if table := blocks[0].(api.Table); table.Name != "*Job pod events:*" || len(table.Rows) != 1 || table.Rows[0][0] != "BackOff" {
		t.Errorf("events of the newest pod: %q %q", table.Name, table.Rows)
	}
	if got := string(res.Files()["etl-new.log"]); got != "line 1\n*********\n" {
		t.Errorf("etl-new.log = %q, want the newest pod's log, redacted", got)
	}
	if calls := c.Calls(); len(calls) != 1 || !strings.Contains(calls[0], "prod/etl-new") {
		t.Errorf("log calls %q", calls)
	}

	// events and logs turned off: nothing; a job without pods: nothing.
	_, ev = jobUpdate(t, failedJobYAML)
	res = apitest.Run(t, playbooks.Actions, "job_pod_enricher", `{events: false, logs: false}`, ev, c)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("job_pod_enricher with events and logs off:\n%s", res)
	}
	_, ev = jobUpdate(t, failedJobYAML)
	res = apitest.Run(t, playbooks.Actions, "job_pod_enricher", "", ev, apitest.NewCluster(job))
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("job_pod_enricher on a job without pods:\n%s", res)
	}
	// An empty log says so.
	_, ev = jobUpdate(t, failedJobYAML)
	c = apitest.NewCluster(job, jobPod(t, "etl-new", "2026-01-02T03:04:00Z")).WithLogs("prod", "etl-new", "", "")
	res = apitest.Run(t, playbooks.Actions, "job_pod_enricher", `{events: false}`, ev, c)
	if !cmp.Equal(res.Blocks(), []api.Block{api.MarkdownBlock("Logs unavailable for container: main")}) {
		t.Errorf("job_pod_enricher with an empty log:\n%s", res)
	}
}

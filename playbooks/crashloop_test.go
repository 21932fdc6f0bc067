package playbooks_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// crashingPod: main crash-loops after 3 restarts (its last instance
// exited with Error), init has never restarted, sidecar runs.
const crashingPod = `
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: prod}
spec:
  nodeName: node-1
  initContainers: [{name: init}]
  containers: [{name: main}, {name: sidecar}]
status:
  initContainerStatuses:
  - {name: init, image: init:1, imageID: "", ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
  containerStatuses:
  - name: main
    image: api:1
    imageID: ""
    ready: false
    restartCount: 3
    state: {waiting: {reason: CrashLoopBackOff, message: back-off 40s}}
    lastState: {terminated: {exitCode: 1, reason: Error, startedAt: "2026-01-02T03:04:05Z", finishedAt: "2026-01-02T03:04:09Z"}}
  - {name: sidecar, image: proxy:1, imageID: "", ready: true, restartCount: 0, state: {running: {}}}
`

func crashEvent(t *testing.T, manifest string) (api.Object, api.ExecutionEvent) {
	t.Helper()
	pod := apitest.Object(t, manifest)
	return pod, apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
}

func TestReportCrashLoop(t *testing.T) {
	_, ev := crashEvent(t, crashingPod)
	c := apitest.NewCluster().WithLogs("prod", "api-0", "main", "panic: token=abc123 db down\n")
	res := apitest.Run(t, playbooks.Actions, "report_crash_loop", `{regex_replacer_patterns: [{regex: "token=\\w+"}]}`, ev, c)
	if res.Err != nil {
		t.Fatalf("report_crash_loop: %v\n%s", res.Err, res)
	}
	f := wantFinding(t, res, "Crashing pod api-0 in namespace prod", "CrashLoopBackoff")
	if diff := cmp.Diff([]string{"Container Crash information", "Logs"}, titles(f)); diff != "" {
		t.Errorf("enrichments (-want +got):\n%s", diff)
	}
	crash := [][]api.Block{{
		table([]string{"label", "value"}, "*Crash Info*", []string{"Container", "main"}, []string{"Restarts", "3"}, []string{"Status", "WAITING"}, []string{"Reason", "CrashLoopBackOff"}),
		table([]string{"label", "value"}, "*Previous Container*", []string{"Status", "TERMINATED"}, []string{"Reason", "Error"},
			[]string{"Started at", "2026-01-02T03:04:05Z"}, []string{"Finished at", "2026-01-02T03:04:09Z"}),
	}}
	if diff := cmp.Diff(crash, titled(f, "Container Crash information")); diff != "" {
		t.Errorf("crash information (-want +got):\n%s", diff)
	}
	// The previous instance's log, the token masked with as many asterisks.
	if got := string(res.Files()["api-0.log"]); got != "panic: ************ db down\n" {
		t.Errorf("log = %q", got)
	}
	if want := []string{`logs prod/api-0 container="main" previous=true tail=0`}; !cmp.Equal(c.Calls(), want) {
		t.Errorf("calls = %q, want %q", c.Calls(), want)
	}
}

func TestReportCrashLoopNamedRedaction(t *testing.T) {
	_, ev := crashEvent(t, crashingPod)
	c := apitest.NewCluster().WithLogs("prod", "api-0", "main", "from 10.0.0.7 token=abc\n")
	res := apitest.Run(t, playbooks.Actions, "report_crash_loop",
		`{regex_replacement_style: NAMED, regex_replacer_patterns: [{name: ip, regex: "\\d+\\.\\d+\\.\\d+\\.\\d+"}, {regex: "token=\\w+"}]}`, ev, c)
	if got := string(res.Files()["api-0.log"]); got != "from [IP] [REDACTED]\n" {
		t.Errorf("log = %q\n%s", got, res)
	}
	// A pattern Go cannot compile fails the action before anything leaves
	// the cluster unmasked.
	_, ev = crashEvent(t, crashingPod)
	res = apitest.Run(t, playbooks.Actions, "report_crash_loop", `{regex_replacer_patterns: [{name: pw, regex: "(?<=pw=)\\w+"}]}`, ev, c)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "regex_replacer_patterns[0] (pw)") || len(res.Findings) != 0 {
		t.Errorf("bad pattern: err %v\n%s", res.Err, res)
	}
}

// A container whose previous log is empty gets "Logs unavailable for
// container: X"; a pod with no container waiting after a restart gets no
// crash information, and no log is read.
func TestReportCrashLoopWithoutLogsOrCrash(t *testing.T) {
	_, ev := crashEvent(t, crashingPod)
	res := apitest.Run(t, playbooks.Actions, "report_crash_loop", "", ev, apitest.NewCluster().WithLogs("prod", "api-0", "main", ""))
	f := wantFinding(t, res, "Crashing pod api-0 in namespace prod", "CrashLoopBackoff")
	if diff := cmp.Diff([][]api.Block{{api.MarkdownBlock("Logs unavailable for container: main")}}, titled(f, "Logs")); diff != "" || res.Err != nil {
		t.Errorf("empty log (-want +got):\n%s\n%s", diff, res)
	}

	// An unreadable log: the same block, and the error for the runner.
	_, ev = crashEvent(t, crashingPod)
	res = apitest.Run(t, playbooks.Actions, "report_crash_loop", "", ev, apitest.NewCluster())
	f = res.Finding(t)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "prod/api-0 container main") || len(titled(f, "Logs")) != 1 {
		t.Errorf("unreadable log: err %v\n%s", res.Err, res)
	}

	running := strings.Replace(crashingPod, "restartCount: 3", "restartCount: 0", 1)
	_, ev = crashEvent(t, running)
	c := apitest.NewCluster()
	res = apitest.Run(t, playbooks.Actions, "report_crash_loop", "", ev, c)
	f = wantFinding(t, res, "Crashing pod api-0 in namespace prod", "CrashLoopBackoff")
	if len(f.Enrichments) != 0 || len(c.Calls()) != 0 || strings.Contains(res.String(), "Crash Info") {
		t.Errorf("no crashed container: calls %q\n%s", c.Calls(), res)
	}
}

package playbooks_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

func alertOn(pod api.Object, labels map[string]string) *api.PrometheusAlertEvent {
	ev := &api.PrometheusAlertEvent{Alert: api.Alert{Name: "KubePodCrashLooping", Status: "firing", Labels: labels}}
	if pod != nil {
		ev.Pod = pod.(*corev1.Pod)
	}
	return ev
}

// The alert's container label picks the container when the pod has it;
// otherwise the pod's first container is read.
func TestLogsEnricherAlertContainer(t *testing.T) {
	pod := apitest.Object(t, podYAML)
	for _, tc := range []struct{ label, want string }{{"sidecar", "sidecar"}, {"gone", "main"}, {"", "main"}} {
		c := apitest.NewCluster().WithLogs("prod", "api-0", "", "line\n")
		res := apitest.Run(t, playbooks.Actions, "logs_enricher", "", alertOn(pod, map[string]string{"pod": "api-0", "container": tc.label}), c)
		want := []string{`logs prod/api-0 container="` + tc.want + `" previous=false tail=0`}
		if !cmp.Equal(c.Calls(), want) || res.Err != nil {
			t.Errorf("container label %q: calls %q, want %q\n%s", tc.label, c.Calls(), want, res)
		}
	}
}

// Without a pod the action does nothing, or says so with
// warn_on_missing_label.
func TestLogsEnricherMissingPod(t *testing.T) {
	res := apitest.Run(t, playbooks.Actions, "logs_enricher", "", alertOn(nil, nil), nil)
	if len(res.Findings) != 0 || res.Err != nil {
		t.Errorf("no pod, no warning:\n%s", res)
	}
	res = apitest.Run(t, playbooks.Actions, "logs_enricher", `{warn_on_missing_label: true}`, alertOn(nil, nil), nil)
	want := []api.Block{api.MarkdownBlock("Cannot fetch logs because the pod is unknown. The alert has no `pod` label")}
	if diff := cmp.Diff(want, res.Blocks()); diff != "" || res.Err != nil {
		t.Errorf("warn_on_missing_label (-want +got):\n%s\n%s", diff, res)
	}
}

// As in Robusta, the crash information of crashed containers comes first;
// the log is filtered by line, then redacted; an empty result is
// "Logs unavailable for container: X".
func TestLogsEnricherCrashInfoAndRedaction(t *testing.T) {
	_, ev := crashEvent(t, crashingPod)
	c := apitest.NewCluster().WithLogs("prod", "api-0", "main", "ok\nERROR key=s3cr3t\nok\n")
	res := apitest.Run(t, playbooks.Actions, "logs_enricher", `{previous: true, filter_regex: "^ERROR", regex_replacement_style: NAMED, regex_replacer_patterns: [{name: key, regex: "key=\\S+"}]}`, ev, c)
	f := res.Finding(t)
	if diff := cmp.Diff([]string{"Container Crash information", "Logs"}, titles(f)); diff != "" || res.Err != nil {
		t.Errorf("enrichments (-want +got):\n%s\n%s", diff, res)
	}
	if got := string(res.Files()["api-0.log"]); got != "ERROR [KEY]\n" {
		t.Errorf("log = %q", got)
	}

	_, ev = crashEvent(t, crashingPod)
	res = apitest.Run(t, playbooks.Actions, "logs_enricher", `{container_name: sidecar, filter_regex: "^ERROR"}`, ev, apitest.NewCluster().WithLogs("prod", "api-0", "sidecar", "ok\n"))
	if diff := cmp.Diff([][]api.Block{{api.MarkdownBlock("Logs unavailable for container: sidecar")}}, titled(res.Finding(t), "Logs")); diff != "" || res.Err != nil {
		t.Errorf("nothing left after the filter (-want +got):\n%s\n%s", diff, res)
	}
}

package playbooks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// webPod is a pod of deploymentYAML's with the given status.
func webPod(t *testing.T, name, status string) api.Object {
	return apitest.Object(t, `
apiVersion: v1
kind: Pod
metadata: {name: `+name+`, namespace: prod, labels: {app: web}}
spec: {nodeName: node-1, containers: [{name: main, image: "web:2", resources: {requests: {cpu: "2", memory: 1Gi}}}]}
status: `+status)
}

// KubeDeploymentReplicasMismatch on a deployment whose second pod cannot
// pull its image: the pull information of that pod, and the counts in
// the description.
func TestPodIssueInvestigatorImagePull(t *testing.T) {
	dep := apitest.Object(t, deploymentYAML)
	healthy := webPod(t, "web-a", `{phase: Running, containerStatuses: [{name: main, ready: true, restartCount: 0, image: "web:2", imageID: x, state: {running: {}}}]}`)
	pulling := webPod(t, "web-b", `{phase: Pending, containerStatuses: [{name: main, ready: false, restartCount: 0, image: "web:2", imageID: "", state: {waiting: {reason: ImagePullBackOff, message: "Back-off pulling image \"web:2\""}}}]}`)
	pullFailed := apitest.Object(t, `
apiVersion: v1
kind: Event
metadata: {name: pull, namespace: prod}
involvedObject: {kind: Pod, name: web-b, namespace: prod}
type: Warning
reason: Failed
source: {component: kubelet}
message: 'Failed to pull image "web:2": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/web:2": failed to resolve reference "docker.io/library/web:2": docker.io/library/web:2: not found'`)
	c := apitest.NewCluster(dep, healthy, pulling, pullFailed)
	ev := apitest.Alert(t, c, api.Alert{
		Labels:      map[string]string{"alertname": "KubeDeploymentReplicasMismatch", "namespace": "prod", "deployment": "web"},
		Annotations: map[string]string{"description": "Deployment prod/web has not matched the expected number of replicas."},
	})
	res := apitest.Run(t, playbooks.Actions, "pod_issue_investigator", ``, ev, c)
	f := res.Finding(t)
	wantTable := api.TableBlock([]string{"label", "value"}, [][]string{{"Container", "main"}, {"Image", "web:2"}, {"Reason", "Image not found"}, {"Fix", "Make sure the image repository, image name and image tag are correct."}})
	if res.Err != nil || len(f.Enrichments) != 1 || f.Enrichments[0].Title != "Container ImagePullBackoff Information" || !cmp.Equal(f.Enrichments[0].Blocks, []api.Block{wantTable}) {
		t.Errorf("pod_issue_investigator:\n%s", res)
	}
	want := "Deployment prod/web has not matched the expected number of replicas.\n\n1 pod(s) are available. 1 pod(s) are not ready due to ImagePullBackoff\n\nImagePullBackOff: Back-off pulling image \"web:2\""
	if f.Description != want {
		t.Errorf("description\n%q\nwant\n%q", f.Description, want)
	}
}

// KubePodNotReady on a pod the scheduler cannot place for lack of CPU:
// the unscheduled information with what the pod requires.
func TestPodIssueInvestigatorPending(t *testing.T) {
	pod := webPod(t, "web-c", `{phase: Pending, conditions: [{type: PodScheduled, status: "False", reason: Unschedulable, message: "0/3 nodes are available: 3 Insufficient cpu."}]}`)
	c := apitest.NewCluster(pod)
	ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubePodNotReady", "namespace": "prod", "pod": "web-c"}})
	res := apitest.Run(t, playbooks.Actions, "pod_issue_investigator", ``, ev, c)
	f := res.Finding(t)
	want := []api.Block{
		api.TableBlock([]string{"label", "value"}, [][]string{{"Pod", "web-c"}, {"Reason", "0/3 nodes are available: 3 Insufficient cpu."}}),
		api.MarkdownBlock("*Pod requires:* 2.0 CPU, 1024 MB Memory"),
	}
	if len(f.Enrichments) != 1 || f.Enrichments[0].Title != "Unscheduled Pod Information" || !cmp.Equal(f.Enrichments[0].Blocks, want) {
		t.Errorf("pending pod:\n%s", res)
	}
	if !strings.HasSuffix(f.Description, "Pod is not ready due to scheduling issue") {
		t.Errorf("description %q", f.Description)
	}
}

// A crash loop gives the crash information; a container that crashed
// within 15 minutes and runs again counts too; an old crash does not.
func TestPodIssueInvestigatorCrashes(t *testing.T) {
	looping := webPod(t, "web-d", `{phase: Running, containerStatuses: [{name: main, ready: false, restartCount: 4, image: "web:2", imageID: x, state: {waiting: {reason: CrashLoopBackOff}}, lastState: {terminated: {exitCode: 1, reason: Error}}}]}`)
	c := apitest.NewCluster(looping)
	ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubePodNotReady", "namespace": "prod", "pod": "web-d"}})
	res := apitest.Run(t, playbooks.Actions, "pod_issue_investigator", ``, ev, c)
	if f := res.Finding(t); f.Enrichments[0].Title != "Container Crash information" || !strings.Contains(f.Description, "due to CrashLoopBackoff\n\nCrashLoopBackOff: N/A") {
		t.Errorf("crash loop:\n%s", res)
	}

	crashed := func(ago time.Duration) api.Object {
		at := time.Now().Add(-ago).UTC().Format(time.RFC3339)
		return webPod(t, "web-e", `{phase: Running, containerStatuses: [{name: main, ready: true, restartCount: 1, image: "web:2", imageID: x, state: {running: {}}, lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "`+at+`"}}}]}`)
	}
	for ago, want := range map[time.Duration]bool{time.Minute: true, time.Hour: false} {
		pod := crashed(ago)
		c := apitest.NewCluster(pod)
		ev := apitest.Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubePodNotReady", "namespace": "prod", "pod": "web-e"}})
		res := apitest.Run(t, playbooks.Actions, "pod_issue_investigator", ``, ev, c)
		if got := len(res.Findings) == 1 && strings.Contains(res.Findings[0].Description, "due to CrashLoopBackoff"); got != want {
			t.Errorf("crash %v ago: reported %v, want %v:\n%s", ago, got, want, res)
		}
	}
}

// A kind it cannot investigate is an error; a resource with no pod issue
// adds nothing.
func TestPodIssueInvestigatorNothingToReport(t *testing.T) {
	node := apitest.Object(t, `{apiVersion: v1, kind: Node, metadata: {name: node-1}}`)
	res := apitest.Run(t, playbooks.Actions, "pod_issue_investigator", ``, apitest.Change(t, "on_node_update", api.OperationUpdate, node, nil), apitest.NewCluster())
	if res.Err == nil || !strings.Contains(res.Err.Error(), "Node is not supported") {
		t.Errorf("on a node: %v", res.Err)
	}
	dep := apitest.Object(t, deploymentYAML)
	c := apitest.NewCluster(dep, webPod(t, "web-a", `{phase: Running}`))
	res = apitest.Run(t, playbooks.Actions, "pod_issue_investigator", ``, apitest.Change(t, "on_deployment_update", api.OperationUpdate, dep, nil), c)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("healthy pods:\n%s", res)
	}
}

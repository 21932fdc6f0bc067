package playbooks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const pullingPod = `
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: prod}
spec:
  nodeName: node-1
  containers: [{name: main, image: "reg.example/api:9"}]
status:
  containerStatuses:
  - {name: main, image: "reg.example/api:9", imageID: "", ready: false, restartCount: 0, state: {waiting: {reason: ImagePullBackOff}}}
`

// pullEvent is the kubelet's Warning/Failed event for a pull of image
// that failed with the runtime's message after the gRPC prefix.
func pullEvent(t *testing.T, name, prefix, msg string) api.Object {
	return apitest.Object(t, fmt.Sprintf(`
apiVersion: v1
kind: Event
metadata: {name: %s, namespace: prod}
involvedObject: {kind: Pod, name: api-0, namespace: prod}
type: Warning
reason: Failed
source: {component: kubelet}
message: %q
lastTimestamp: "2026-01-02T03:04:05Z"
`, name, `Failed to pull image "reg.example/api:9": `+prefix+msg))
}

func TestImagePullBackoffReporterClassifies(t *testing.T) {
	const grpc = "rpc error: code = Unknown desc = "
	fix := map[string][]string{
		"notfound": {"Image not found", "Make sure the image repository, image name and image tag are correct."},
		"auth":     {"Unauthorized", "The repo is access protected. Make sure to configure the correct image pull secrets: https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry"},
		"timeout":  {"Timeout", "If this does not resolved after a few minutes, make sure the image repository is responding."},
	}
	for _, tc := range []struct{ name, prefix, msg, want string }{
		{"containerd not found", "rpc error: code = NotFound desc = ", `failed to pull and unpack image "reg.example/api:9": failed to resolve reference "reg.example/api:9": reg.example/api:9: not found`, "notfound"},
		{"containerd no such host", grpc, `failed to pull and unpack image "x": failed to resolve reference "x": dial tcp: lookup reg.example: no such host`, "notfound"},
		{"containerd insufficient scope", grpc, `failed to pull and unpack image "x": failed to resolve reference "x": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`, "auth"},
		{"containerd 403", grpc, `failed to pull and unpack image "x": failed to resolve reference "x": failed to authorize: failed to fetch anonymous token: unexpected status: 403 Forbidden`, "auth"},
		{"docker denied", grpc, `Error response from daemon: pull access denied for reg.example/api, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`, "auth"},
		{"docker manifest unknown", grpc, `Error response from daemon: manifest for reg.example/api:9 not found: manifest unknown: manifest unknown`, "notfound"},
		{"artifact registry", grpc, `Error response from daemon: Head "https://x/v2/a/manifests/9": denied: Permission "artifactregistry.repositories.downloadArtifacts" denied on resource "projects/p" (or it may not exist)`, "auth"},
		{"docker failed to fetch", grpc, `Error response from daemon: manifest for reg.example/api:9 not found: manifest unknown: Failed to fetch "9"`, "notfound"},
		{"timeout", grpc, `Get "https://reg.example/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)`, "timeout"},
		// Robusta requires the gRPC prefix; a kubelet without one is read too.
		{"no grpc prefix", "", `failed to pull and unpack image "x": failed to resolve reference "x": x: not found`, "notfound"},
		{"unknown", grpc, `failed to copy: httpReadSeeker: failed open: unexpected status code 500`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pod := apitest.Object(t, pullingPod)
			ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
			c := apitest.NewCluster(pod, pullEvent(t, "e1", tc.prefix, tc.msg))
			res := apitest.Run(t, playbooks.Actions, "image_pull_backoff_reporter", "", ev, c)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			f := wantFinding(t, res, "Failed to pull at least one image in pod api-0 in namespace prod", "ImagePullBackoff")
			rows := [][]string{{"Container", "main"}, {"Image", "reg.example/api:9"}}
			want := []api.Block{api.TableBlock([]string{"label", "value"}, rows)}
			if r := fix[tc.want]; r != nil {
				want = []api.Block{api.TableBlock([]string{"label", "value"}, append(rows, []string{"Reason", r[0]}, []string{"Fix", r[1]}))}
			} else {
				want = append(want, api.MarkdownBlock("*Error message:* main:\n"+tc.msg))
			}
			if diff := cmp.Diff([][]api.Block{want}, titled(f, "Container ImagePullBackoff Information")); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
		})
	}
}

// Only the kubelet's Warning/Failed events about this image count; with
// none left, the table still names the container and image. A pod with no
// container in ImagePullBackOff (ErrImagePull alone) gets no finding.
func TestImagePullBackoffReporterWithoutTheError(t *testing.T) {
	pod := apitest.Object(t, pullingPod)
	other := apitest.Object(t, strings.Replace(`
apiVersion: v1
kind: Event
metadata: {name: e2, namespace: prod}
involvedObject: {kind: Pod, name: api-0, namespace: prod}
type: Normal
reason: BackOff
source: {component: kubelet}
message: 'Back-off pulling image "reg.example/api:9"'`, "\t", "", -1))
	ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	res := apitest.Run(t, playbooks.Actions, "image_pull_backoff_reporter", "", ev, apitest.NewCluster(pod, other))
	f := wantFinding(t, res, "Failed to pull at least one image in pod api-0 in namespace prod", "ImagePullBackoff")
	want := [][]api.Block{{api.TableBlock([]string{"label", "value"}, [][]string{{"Container", "main"}, {"Image", "reg.example/api:9"}})}}
	if diff := cmp.Diff(want, titled(f, "Container ImagePullBackoff Information")); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}

	errPull := apitest.Object(t, strings.Replace(pullingPod, "reason: ImagePullBackOff", "reason: ErrImagePull", 1))
	ev = apitest.Change(t, "on_pod_update", api.OperationUpdate, errPull, nil)
	res = apitest.Run(t, playbooks.Actions, "image_pull_backoff_reporter", "", ev, apitest.NewCluster(errPull))
	if len(res.Findings) != 0 || res.Err != nil {
		t.Errorf("ErrImagePull alone reported:\n%s", res)
	}
}

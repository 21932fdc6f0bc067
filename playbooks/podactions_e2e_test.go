package playbooks_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// TestPodActionsOnCluster runs the pod reports against a real API server:
// statuses written through the status subresource as a kubelet would,
// Events created as the kubelet writes them, field selectors applied by
// the server, and logs through its proxy to the fake kubelet.
func TestPodActionsOnCluster(t *testing.T) {
	env := kubetest.Start(t)
	kubelet := kubetest.StartKubelet(t, env)
	ctx := t.Context()
	kubelet.CreatePod(t, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "api-0"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "reg.example/api:9",
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("512Mi")}}}}},
	})
	kubelet.CreatePod(t, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "db-0"}, Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "db", Image: "db:1"}}}})
	kubetest.UpdateNodeStatus(t, env.Client, kubelet.Node, func(s *corev1.NodeStatus) {
		s.Capacity = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("4Gi")}
		s.Allocatable = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("3Gi")}
	})
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	actions, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, action, params string, pod *corev1.Pod) *api.PodChangeEvent {
		t.Helper()
		a, _ := actions.Lookup(action)
		fn, err := a.Bind([]byte(params))
		if err != nil {
			t.Fatal(err)
		}
		ev := &api.PodChangeEvent{Obj: pod, Operation: api.OperationUpdate}
		ev.Execution().SetCluster(cluster)
		if err := fn(ctx, ev); err != nil {
			t.Fatalf("%s: %v", action, err)
		}
		return ev
	}
	only := func(t *testing.T, ev api.ExecutionEvent) *api.Finding {
		t.Helper()
		fs := ev.Execution().Findings()
		if len(fs) != 1 {
			t.Fatalf("%d findings, want 1", len(fs))
		}
		return fs[0]
	}

	t.Run("ReportCrashLoop", func(t *testing.T) {
		pod := kubetest.UpdatePodStatus(t, env.Client, "default", "api-0", func(s *corev1.PodStatus) {
			s.ContainerStatuses[0].RestartCount = 3
			s.ContainerStatuses[0].State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}}
			s.ContainerStatuses[0].LastTerminationState = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error"}}
		})
		kubelet.SetPreviousLog("default", "api-0", "main", "panic: no config\n")
		f := only(t, run(t, "report_crash_loop", `{}`, pod))
		if f.Title != "Crashing pod api-0 in namespace default" || string(files(f)["api-0.log"]) != "panic: no config\n" {
			t.Errorf("finding %q, files %q", f.Title, files(f))
		}
		last := kubelet.Requests()[len(kubelet.Requests())-1]
		if last.Path != "/containerLogs/default/api-0/main" || last.Query.Get("previous") != "true" {
			t.Errorf("kubelet got %s?%s, want main's previous log", last.Path, last.Query.Encode())
		}
	})

	t.Run("PodOOMKillerEnricher", func(t *testing.T) {
		pod := kubetest.UpdatePodStatus(t, env.Client, "default", "api-0", func(s *corev1.PodStatus) {
			s.ContainerStatuses[0].State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 137, Reason: "OOMKilled"}}
		})
		f := only(t, run(t, "pod_oom_killer_enricher", `{}`, pod))
		want := [][]string{{"Node Name", kubelet.Node}, {"Node allocated memory", "25.00% out of 3072MB allocatable"}}
		if got := titled(f, "Node Info"); len(got) != 1 || !cmp.Equal(got[0][0].(api.Table).Rows, want) {
			t.Errorf("node info = %v, want rows %v", got, want)
		}
		// The API server defaults the memory request to the limit.
		if got := titled(f, "Container Info"); len(got) != 1 || !slices.ContainsFunc(got[0][0].(api.Table).Rows, func(r []string) bool { return r[1] == "512MB request, 512MB limit" }) {
			t.Errorf("container info = %v", got)
		}
	})

	t.Run("ImagePullBackoffReporter", func(t *testing.T) {
		pod := kubetest.UpdatePodStatus(t, env.Client, "default", "api-0", func(s *corev1.PodStatus) {
			s.ContainerStatuses[0].State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ImagePullBackOff"}}
		})
		for i, about := range []string{"api-0", "db-0"} { // the server's selector keeps db-0's out
			createEvent(t, env, corev1.Event{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("pull-%d", i), Namespace: "default"},
				InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: about},
				Type:           corev1.EventTypeWarning, Reason: "Failed", Source: corev1.EventSource{Component: "kubelet"},
				Message: `Failed to pull image "reg.example/api:9": rpc error: code = Unknown desc = Error response from daemon: manifest for reg.example/api:9 not found: manifest unknown: manifest unknown`,
			})
		}
		f := only(t, run(t, "image_pull_backoff_reporter", `{}`, pod))
		want := [][]string{{"Container", "main"}, {"Image", "reg.example/api:9"}, {"Reason", "Image not found"}, {"Fix", "Make sure the image repository, image name and image tag are correct."}}
		if got := titled(f, "Container ImagePullBackoff Information"); len(got) != 1 || len(got[0]) != 1 || !cmp.Equal(got[0][0].(api.Table).Rows, want) {
			t.Errorf("image pull information = %v", got)
		}
	})

	t.Run("PodEvictedEnricherAndNodeEvents", func(t *testing.T) {
		pod := kubetest.UpdatePodStatus(t, env.Client, "default", "api-0", func(s *corev1.PodStatus) {
			s.Phase, s.Reason = corev1.PodFailed, "Evicted"
		})
		f := only(t, run(t, "pod_evicted_enricher", `{}`, pod))
		pods := f.Enrichments[len(f.Enrichments)-1].Blocks[0].(api.Table)
		if len(pods.Rows) != 2 || pods.Name != "Pods running on the node" {
			t.Errorf("pods on the node = %+v, want api-0 and db-0", pods)
		}

		createEvent(t, env, corev1.Event{ObjectMeta: metav1.ObjectMeta{Name: "pressure", Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{Kind: "Node", Name: kubelet.Node},
			Type:           corev1.EventTypeWarning, Reason: "EvictionThresholdMet", Message: "Attempting to reclaim memory",
			LastTimestamp: metav1.Now()})
		f = only(t, run(t, "enrich_pod_with_node_events", `{}`, pod))
		rows := titled(f, "Node Events")
		if len(rows) != 1 || rows[0][0].(api.Table).Rows[0][0] != "EvictionThresholdMet" {
			t.Errorf("node events = %v", rows)
		}
	})
}

func createEvent(t *testing.T, env *kubetest.Env, e corev1.Event) {
	t.Helper()
	if _, err := env.Client.CoreV1().Events(e.Namespace).Create(t.Context(), &e, metav1.CreateOptions{}); err != nil {
		t.Fatalf("creating event %s: %v", e.Name, err)
	}
}

// files returns the finding's file blocks by name.
func files(f *api.Finding) map[string][]byte {
	return (&apitest.Result{Findings: []*api.Finding{f}}).Files()
}

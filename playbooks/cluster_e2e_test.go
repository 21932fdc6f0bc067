package playbooks_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// TestClusterEnrichers runs the built-in pod enrichers as the runner does
// (bound by name from JSON params through the generated registry) on a pod
// read back from a real API server, with a real kube.Cluster. Only the
// kubelet behind the API server is a fake: no container runs here. The
// subtests share one control plane, as starting one costs seconds.
func TestClusterEnrichers(t *testing.T) {
	env := kubetest.Start(t)
	kubelet := kubetest.StartKubelet(t, env)
	kubelet.CreatePod(t, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "api-0", Labels: map[string]string{"app": "api"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "api:1"}, {Name: "sidecar", Image: "proxy:1"}}},
	})
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	actions, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	// run binds the action to params and runs it on a fresh update event
	// about the pod as the API server has it, returning the blocks added.
	run := func(t *testing.T, action, params string) ([]api.Block, error) {
		t.Helper()
		pod, err := cluster.Kubernetes().CoreV1().Pods("default").Get(t.Context(), "api-0", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		a, ok := actions.Lookup(action)
		if !ok {
			t.Fatalf("no action %s", action)
		}
		fn, err := a.Bind([]byte(params))
		if err != nil {
			t.Fatalf("binding %s to %s: %v", action, params, err)
		}
		ev := &api.PodChangeEvent{Obj: pod, Operation: api.OperationUpdate}
		ev.Execution().SetCluster(cluster)
		err = fn(t.Context(), ev)
		return blocks(ev), err
	}

	t.Run("PodBashEnricher", func(t *testing.T) {
		listing := "total 8\ndrwxr-xr-x 1 root root 4096 etc\n"
		kubelet.HandleExec(kubetest.Output(listing, "", 0), "/bin/sh", "-c", "ls -al /")
		got, err := run(t, "pod_bash_enricher", `{"bash_command": "ls -al /"}`)
		if err != nil {
			t.Fatal(err)
		}
		want := []api.Block{api.MarkdownBlock("Command results for *ls -al /:*"), api.MarkdownBlock("```\n" + listing + "\n```")}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("blocks (-want +got):\n%s", diff)
		}
		last := kubelet.Requests()[len(kubelet.Requests())-1]
		if last.Path != "/exec/default/api-0/main" {
			t.Errorf("exec went to %s, want the pod's first container", last.Path)
		}

		// A failing command fails the action, naming the pod; no block.
		kubelet.HandleExec(kubetest.Output("", "cat: /missing: No such file\n", 1), "/bin/sh", "-c", "cat /missing")
		got, err = run(t, "pod_bash_enricher", `{"bash_command": "cat /missing"}`)
		if err == nil || !strings.Contains(err.Error(), "default/api-0") || !strings.Contains(err.Error(), "exit code 1") {
			t.Errorf("error = %v, want the pod and the exit code", err)
		}
		if len(got) != 0 {
			t.Errorf("a failed command added blocks: %v", got)
		}
	})

	t.Run("LogsEnricher", func(t *testing.T) {
		kubelet.SetLog("default", "api-0", "main", "listening on :8080\n")
		kubelet.SetPreviousLog("default", "api-0", "sidecar",
			"GET /health 200\nERROR db down\nGET / 200\nERROR timeout\nGET / 200\n")

		got, err := run(t, "logs_enricher", `{}`)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]api.Block{api.FileBlock("api-0.log", []byte("listening on :8080\n"))}, got); diff != "" {
			t.Errorf("blocks of the default log (-want +got):\n%s", diff)
		}

		// The kubelet keeps the last 3 lines; the action filters them.
		got, err = run(t, "logs_enricher", `{"container_name": "sidecar", "previous": true, "tail_lines": 3, "filter_regex": "^ERROR"}`)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]api.Block{api.FileBlock("api-0.log", []byte("ERROR timeout\n"))}, got); diff != "" {
			t.Errorf("blocks of the filtered previous log (-want +got):\n%s", diff)
		}
		last := kubelet.Requests()[len(kubelet.Requests())-1]
		if q := last.Query; last.Path != "/containerLogs/default/api-0/sidecar" || q.Get("previous") != "true" || q.Get("tailLines") != "3" {
			t.Errorf("kubelet got %s?%s, want the sidecar's previous log, 3 lines", last.Path, q.Encode())
		}

		// The sidecar's current instance has printed nothing yet.
		got, err = run(t, "logs_enricher", `{"container_name": "sidecar"}`)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]api.Block{api.MarkdownBlock("Logs unavailable for container: sidecar")}, got); diff != "" {
			t.Errorf("blocks of an empty log (-want +got):\n%s", diff)
		}

		// A container that never restarted has no previous log: the
		// kubelet's reason reaches the action's error.
		_, err = run(t, "logs_enricher", `{"previous": true}`)
		if err == nil || !strings.Contains(err.Error(), `previous terminated container "main"`) {
			t.Errorf("error = %v, want the kubelet's reason", err)
		}
	})
}

// blocks returns every block of every finding of ev.
func blocks(ev api.ExecutionEvent) []api.Block {
	var out []api.Block
	for _, f := range ev.Execution().Findings() {
		for _, e := range f.Enrichments {
			out = append(out, e.Blocks...)
		}
	}
	return out
}

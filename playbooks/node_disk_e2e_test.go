package playbooks_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// TestNodeDiskAnalyzerOnCluster runs node_disk_analyzer against a real API
// server: the disk-tools pod it creates on the node is played by the
// test, as its kubelet would (it reports the pod Succeeded or Failed, and
// the fake kubelet serves its log through the API server's proxy).
func TestNodeDiskAnalyzerOnCluster(t *testing.T) {
	env := kubetest.Start(t)
	kubelet := kubetest.StartKubelet(t, env)
	t.Setenv("POD_NAMESPACE", "robusta")
	c, ctx := env.Client, t.Context()
	must(c.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "robusta"}}, metav1.CreateOptions{})).get(t)
	web := kubelet.CreatePod(t, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-0"}, Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "web:1"}}}})
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	actions, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := actions.Lookup("node_disk_analyzer")
	// Bound as the runner binds it: show_pods takes its default, true.
	fn, _, err := config.BindParams(a, []byte(`{"show_containers": true, "custom_annotations": {"team": "sre"}}`), config.Global{})
	if err != nil {
		t.Fatal(err)
	}
	node := must(c.CoreV1().Nodes().Get(ctx, kubelet.Node, metav1.GetOptions{})).get(t)

	// analyse starts the action and, as the node would, finishes the pod
	// it created with phase and log; it returns the action's result.
	analyse := func(t *testing.T, phase corev1.PodPhase, log string) (*api.NodeChangeEvent, *corev1.Pod, error) {
		ev := &api.NodeChangeEvent{Obj: node, Operation: api.OperationUpdate}
		ev.Execution().SetCluster(cluster)
		done := make(chan error, 1)
		go func() { done <- fn(ctx, ev) }()
		var pod *corev1.Pod
		kubetest.Eventually(t, 30*time.Second, "the disk-tools pod", func() bool {
			l, err := c.CoreV1().Pods("robusta").List(ctx, metav1.ListOptions{})
			if err != nil || len(l.Items) == 0 {
				return false
			}
			pod = &l.Items[0]
			return true
		})
		kubelet.SetLog("robusta", pod.Name, "debugger", log)
		kubetest.UpdatePodStatus(t, c, "robusta", pod.Name, func(s *corev1.PodStatus) { s.Phase = phase })
		err := <-done
		// The pod is deleted either way (bound to a node, it terminates
		// until a kubelet confirms: here it stays, marked).
		p, gerr := c.CoreV1().Pods("robusta").Get(ctx, pod.Name, metav1.GetOptions{})
		if !apierrors.IsNotFound(gerr) && (gerr != nil || p.DeletionTimestamp == nil) {
			t.Errorf("the disk-tools pod %s was not deleted (%v)", pod.Name, gerr)
		}
		if gerr == nil {
			// Gone for good, so the next run finds only its own pod.
			zero := int64(0)
			_ = c.CoreV1().Pods("robusta").Delete(ctx, pod.Name, metav1.DeleteOptions{GracePeriodSeconds: &zero})
		}
		return ev, pod, err
	}

	t.Run("Succeeded", func(t *testing.T) {
		out := fmt.Sprintf(`{"disk_stats": {"used": 2147483648, "total": 8589934592}, "pods_disk_info": {"warnings": [],
		  "pods_distribution": [{"pod_uid": %q, "containers": [{"container_id": "main", "disk_size": 1073741824}]}]}}`, web.UID)
		ev, pod, err := analyse(t, corev1.PodSucceeded, out)
		if err != nil {
			t.Fatal(err)
		}
		if pod.Spec.NodeName != kubelet.Node || !strings.HasPrefix(pod.Name, "debug-"+kubelet.Node+"-") || pod.Annotations["team"] != "sre" ||
			!*pod.Spec.Containers[0].SecurityContext.Privileged {
			t.Errorf("disk-tools pod: %+v", pod)
		}
		got := blocks(ev)
		if len(got) != 3 {
			t.Fatalf("blocks: %v", got)
		}
		summary := "Disk analysis for node " + kubelet.Node + " follows.\nThe used disk space is currently at 2.0 GiB out of 8.0 GiB (25.0%).\n" +
			"Of this space, 1.0 GiB is used by pods and the rest (1.0 GiB) is consumed by the node."
		if got[0] != api.Block(api.MarkdownBlock(summary)) {
			t.Errorf("summary %v, want %q", got[0], summary)
		}
		// The pod and container named from the node's pods (the fake
		// kubelet's container ID is fake://main).
		if rows := got[2].(api.Table).Rows; len(rows) != 1 || strings.Join(rows[0], " ") != "default web-0 main 1.0 GiB" {
			t.Errorf("containers: %v", rows)
		}
	})

	t.Run("Failed", func(t *testing.T) {
		ev, _, err := analyse(t, corev1.PodFailed, "boom")
		if err == nil || !strings.Contains(err.Error(), "failed to complete: it is Failed") || len(blocks(ev)) != 0 {
			t.Errorf("err %v, blocks %v: want the pod's failure and no report", err, blocks(ev))
		}
	})
}

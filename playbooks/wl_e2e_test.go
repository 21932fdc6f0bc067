package playbooks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// The workload enrichers on a real API server, whose field selectors the
// fake clientset ignores: a node's pods are those scheduled on it, a
// pod's events those about it. No controller runs, so the pods are made
// by hand and keep the status given them.
func TestWorkloadEnrichersOnAPIServer(t *testing.T) {
	env := kubetest.Start(t)
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	ctx, c := t.Context(), env.Client
	for _, n := range []string{"n1", "n2"} {
		if _, err := c.CoreV1().Nodes().Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: n}}, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	labels := map[string]string{"app": "web"}
	mkPod := func(name, node string) {
		t.Helper()
		p := &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: labels},
			Spec: corev1.PodSpec{NodeName: node, Containers: []corev1.Container{{Name: "main", Image: "web:1",
				Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("64Gi")}}}}},
		}
		if _, err := c.CoreV1().Pods("default").Create(ctx, p, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	setStatus := func(name string, st corev1.PodStatus) {
		t.Helper()
		p, err := c.CoreV1().Pods("default").Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p.Status = st
		if _, err := c.CoreV1().Pods("default").UpdateStatus(ctx, p, metav1.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	mkPod("web-a", "n1")
	mkPod("web-b", "n2")
	mkPod("web-c", "") // unschedulable
	setStatus("web-a", corev1.PodStatus{Phase: corev1.PodRunning})
	setStatus("web-b", corev1.PodStatus{Phase: corev1.PodRunning})
	setStatus("web-c", corev1.PodStatus{Phase: corev1.PodPending, Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionFalse,
		Reason: "Unschedulable", Message: "0/2 nodes are available: 2 node(s) had untolerated taint."}}})
	now := metav1.NewTime(time.Now())
	for name, about := range map[string]string{"sched-c": "web-c", "sched-a": "web-a"} {
		e := &corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Name: name, Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: about, Namespace: "default"},
			Type:           corev1.EventTypeWarning, Reason: "FailedScheduling", LastTimestamp: now,
			Message: "0/2 nodes are available: 2 Insufficient memory.",
		}
		if about == "web-a" {
			// Newer and not about resources: were it taken for web-c's,
			// no requests would be shown.
			e.Message, e.LastTimestamp = "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", metav1.NewTime(now.Add(time.Minute))
		}
		if _, err := c.CoreV1().Events("default").Create(ctx, e, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	dep := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: appsv1.DeploymentSpec{Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "web:1"}}}}},
	}
	if dep, err = c.AppsV1().Deployments("default").Create(ctx, dep, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	t.Run("RelatedPodsOfNode", func(t *testing.T) {
		node, err := c.CoreV1().Nodes().Get(ctx, "n1", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ev := &api.NodeChangeEvent{Obj: node, Operation: api.OperationUpdate}
		res := apitest.Run(t, playbooks.Actions, "related_pods", ``, withCluster(ev, cluster), nil)
		var names []string
		for _, row := range res.Blocks()[0].(api.Table).Rows {
			names = append(names, row[0])
		}
		if res.Err != nil || !cmp.Equal(names, []string{"web-a"}) {
			t.Errorf("pods of n1 = %q, want web-a only:\n%s", names, res)
		}
	})
	t.Run("PendingPodOfDeployment", func(t *testing.T) {
		ev := &api.DeploymentChangeEvent{Obj: dep, Operation: api.OperationUpdate}
		res := apitest.Run(t, playbooks.Actions, "pod_issue_investigator", ``, withCluster(ev, cluster), nil)
		// The condition names a taint; web-c's own newest scheduler event,
		// not web-a's, tells it lacks memory, so its requests are shown.
		f := res.Finding(t)
		if res.Err != nil || f.Enrichments[0].Title != "Unscheduled Pod Information" || !strings.Contains(res.String(), "*Pod requires:* 65536 MB Memory") {
			t.Errorf("pod_issue_investigator:\n%s", res)
		}
	})
}

func withCluster[E interface {
	api.ExecutionEvent
}](ev E, c api.Cluster) E {
	ev.Execution().SetCluster(c)
	return ev
}

package playbooks_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// The write actions against a real API server: it is the API server that
// refuses an eviction a PodDisruptionBudget does not allow, keeps a Job
// deleted without propagation behind its orphan finalizer, and applies
// the patches.
func TestRemediationOnCluster(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	ctx := t.Context()
	must(c.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "prod"}}, metav1.CreateOptions{})).get(t)
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	actions, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, action, params string, ev api.ExecutionEvent) error {
		t.Helper()
		a, _ := actions.Lookup(action)
		fn, err := a.Bind([]byte(params))
		if err != nil {
			t.Fatal(err)
		}
		ev.Execution().SetCluster(cluster)
		return fn(ctx, ev)
	}
	onNode := func(name string) *api.NodeChangeEvent {
		n, err := c.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return &api.NodeChangeEvent{Obj: n, Operation: api.OperationUpdate}
	}

	t.Run("CordonUncordon", func(t *testing.T) {
		must(c.CoreV1().Nodes().Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "node-1"}}, metav1.CreateOptions{})).get(t)
		for _, step := range []struct{ action, say string }{
			{"cordon", "Node node-1 cordoned"},
			{"cordon", "Node node-1 already cordoned"},
			{"uncordon", "Node node-1 uncordoned"},
			{"uncordon", "Node node-1 already uncordoned"},
		} {
			ev := onNode("node-1")
			if err := run(t, step.action, "", ev); err != nil {
				t.Fatalf("%s: %v", step.action, err)
			}
			if got := blocks(ev); !cmp.Equal(got, []api.Block{api.MarkdownBlock(step.say)}) {
				t.Errorf("%s: blocks %v, want %q", step.action, got, step.say)
			}
			if got, want := onNode("node-1").Obj.Spec.Unschedulable, step.action == "cordon"; got != want {
				t.Errorf("after %s: unschedulable = %v", step.action, got)
			}
		}
	})

	t.Run("DrainHonoursPodDisruptionBudget", func(t *testing.T) {
		must(c.CoreV1().Nodes().Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "node-2"}}, metav1.CreateOptions{})).get(t)
		rs := metav1.OwnerReference{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-1234", UID: "u-rs"}
		ds := metav1.OwnerReference{APIVersion: "apps/v1", Kind: "DaemonSet", Name: "agent", UID: "u-ds"}
		for _, p := range []struct {
			name  string
			owner *metav1.OwnerReference
		}{{"agent-x", &ds}, {"solo-0", nil}, {"web-a", &rs}, {"web-b", &rs}} {
			runningPod(t, c, "node-2", p.name, p.owner)
		}
		// A static pod's mirror, as its kubelet registers it: deleting it
		// through the API would not stop it, so drain leaves it.
		mirror := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "static-0", Namespace: "prod", Annotations: map[string]string{corev1.MirrorPodAnnotationKey: "hash"}},
			Spec: corev1.PodSpec{NodeName: "node-2", Containers: []corev1.Container{{Name: "main", Image: "img:1"}}}}
		must(c.CoreV1().Pods("prod").Create(ctx, mirror, metav1.CreateOptions{})).get(t)
		// A budget of one disruption for the two web pods. The disruption
		// controller is what writes a budget's status; none runs here, so
		// the test writes what it would, and the API server enforces it.
		one := intstr.FromInt32(1)
		pdb := must(c.PolicyV1().PodDisruptionBudgets("prod").Create(ctx, &policyv1.PodDisruptionBudget{
			ObjectMeta: metav1.ObjectMeta{Name: "web"},
			Spec:       policyv1.PodDisruptionBudgetSpec{MinAvailable: &one, Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}},
		}, metav1.CreateOptions{})).get(t)
		pdb.Status = policyv1.PodDisruptionBudgetStatus{ObservedGeneration: pdb.Generation, DisruptionsAllowed: 1, CurrentHealthy: 2, DesiredHealthy: 1, ExpectedPods: 2}
		must(c.PolicyV1().PodDisruptionBudgets("prod").UpdateStatus(ctx, pdb, metav1.UpdateOptions{})).get(t)

		ev := onNode("node-2")
		if err := run(t, "drain", "", ev); err != nil {
			t.Fatalf("drain: %v", err)
		}
		got := blocks(ev)
		if len(got) != 4 {
			t.Fatalf("drain blocks: %v", got)
		}
		want := []api.Block{api.MarkdownBlock("Node node-2 cordoned"),
			api.MarkdownBlock("Drain node node-2 \nEvicting 1 pod(s), deleting 1 pod(s), skipping 2 pod(s) and 1 Error(s).")}
		if !cmp.Equal(got[:2], want) {
			t.Errorf("drain said %v, want %v", got[:2], want)
		}
		failed := got[2].(api.Table)
		if failed.Name != "Pods not evicted" || len(failed.Rows) != 1 || failed.Rows[0][1] != "web-b" || !strings.Contains(failed.Rows[0][2], "disruption budget") {
			t.Errorf("not evicted: %+v", failed)
		}
		report := got[3].(api.File)
		wantLog := "drain node node-2 \n\nSkipping prod/DaemonSet/agent-x\nDeleting prod/Pod/solo-0\nSkipping prod/MirrorPod/static-0\nEvicting prod/Pod/web-a\nError evicting prod/Pod/web-b "
		if report.Name != "Drain node-2 report.log" || !strings.HasPrefix(string(report.Contents), wantLog) {
			t.Errorf("report %s:\n%s\nwant it to start with\n%s", report.Name, report.Contents, wantLog)
		}
		// What the API server did: the node cordoned, the evicted pods
		// terminating (no kubelet finishes them), the refused one and the
		// DaemonSet's untouched, the budget spent on web-a.
		if !onNode("node-2").Obj.Spec.Unschedulable {
			t.Error("node-2 is not cordoned")
		}
		for name, evicted := range map[string]bool{"solo-0": true, "web-a": true, "web-b": false, "agent-x": false, "static-0": false} {
			p, err := c.CoreV1().Pods("prod").Get(ctx, name, metav1.GetOptions{})
			gone := apierrors.IsNotFound(err) || (err == nil && p.DeletionTimestamp != nil)
			if gone != evicted {
				t.Errorf("pod %s: evicted = %v, want %v (err %v)", name, gone, evicted, err)
			}
		}
		pdb, err := c.PolicyV1().PodDisruptionBudgets("prod").Get(ctx, "web", metav1.GetOptions{})
		if err != nil || pdb.Status.DisruptionsAllowed != 0 || len(pdb.Status.DisruptedPods) != 1 {
			t.Errorf("budget status %+v, err %v", pdb.Status, err)
		}
	})

	t.Run("RolloutRestart", func(t *testing.T) {
		dep := must(c.AppsV1().Deployments("prod").Create(ctx, deployment("prod", "api"), metav1.CreateOptions{})).get(t)
		before := time.Now().UTC().Truncate(time.Second)
		ev := &api.DeploymentChangeEvent{Obj: dep, Operation: api.OperationUpdate}
		if err := run(t, "rollout_restart", "", ev); err != nil {
			t.Fatal(err)
		}
		if got := blocks(ev); !cmp.Equal(got, []api.Block{api.MarkdownBlock("Deployment/prod/api restarted")}) {
			t.Errorf("blocks %v", got)
		}
		dep, err := c.AppsV1().Deployments("prod").Get(ctx, "api", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		stamp := dep.Spec.Template.Annotations["robusta.kubernetes.io/restartedAt"]
		at, err := time.Parse("2006-01-02T15:04:05.999999-07:00", stamp)
		if err != nil || at.Before(before) || dep.Generation != 2 {
			t.Errorf("restartedAt %q (%v), generation %d: want a new template stamped now", stamp, err, dep.Generation)
		}

		// A paused deployment is not restarted.
		paused := deployment("prod", "paused")
		paused.Spec.Paused = true
		paused = must(c.AppsV1().Deployments("prod").Create(ctx, paused, metav1.CreateOptions{})).get(t)
		ev = &api.DeploymentChangeEvent{Obj: paused, Operation: api.OperationUpdate}
		if err := run(t, "rollout_restart", "", ev); err != nil {
			t.Fatal(err)
		}
		if got := blocks(ev); !cmp.Equal(got, []api.Block{api.MarkdownBlock("can't restart paused deployment/prod/paused (run rollout resume first).")}) {
			t.Errorf("paused: blocks %v", got)
		}
		if p, _ := c.AppsV1().Deployments("prod").Get(ctx, "paused", metav1.GetOptions{}); p.Generation != 1 {
			t.Errorf("the paused deployment was changed: generation %d", p.Generation)
		}

		// StatefulSets and DaemonSets take the same patch.
		d := deployment("prod", "db")
		sts := must(c.AppsV1().StatefulSets("prod").Create(ctx, &appsv1.StatefulSet{ObjectMeta: d.ObjectMeta,
			Spec: appsv1.StatefulSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}}, metav1.CreateOptions{})).get(t)
		dset := must(c.AppsV1().DaemonSets("prod").Create(ctx, &appsv1.DaemonSet{ObjectMeta: d.ObjectMeta,
			Spec: appsv1.DaemonSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}}, metav1.CreateOptions{})).get(t)
		for _, ev := range []api.ExecutionEvent{&api.StatefulSetChangeEvent{Obj: sts}, &api.DaemonSetChangeEvent{Obj: dset}} {
			if err := run(t, "rollout_restart", "", ev); err != nil {
				t.Fatal(err)
			}
		}
		s, _ := c.AppsV1().StatefulSets("prod").Get(ctx, "db", metav1.GetOptions{})
		ds, _ := c.AppsV1().DaemonSets("prod").Get(ctx, "db", metav1.GetOptions{})
		if s.Spec.Template.Annotations["robusta.kubernetes.io/restartedAt"] == "" || ds.Spec.Template.Annotations["robusta.kubernetes.io/restartedAt"] == "" {
			t.Errorf("statefulset %v, daemonset %v: not stamped", s.Spec.Template.Annotations, ds.Spec.Template.Annotations)
		}

		// A pod cannot be rolled out.
		pod := runningPod(t, c, "", "lonely", nil)
		err = run(t, "rollout_restart", "", &api.PodChangeEvent{Obj: pod})
		if err == nil || !strings.Contains(err.Error(), "not supported for resource Pod") {
			t.Errorf("rollout_restart of a pod: %v", err)
		}
	})

	t.Run("DeletePod", func(t *testing.T) {
		pod := runningPod(t, c, "", "doomed", nil) // unscheduled: the API server deletes it at once
		for range 2 {                              // the second finds it gone, which is fine
			if err := run(t, "delete_pod", "", &api.PodChangeEvent{Obj: pod}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.CoreV1().Pods("prod").Get(ctx, "doomed", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
			t.Errorf("pod still there: %v", err)
		}
	})

	t.Run("DeleteAlertPodRateLimited", func(t *testing.T) {
		// A label value of this run's own, as the limiter is the process's.
		team := fmt.Sprintf("team-%d", time.Now().UnixNano())
		for i, name := range []string{"first", "second"} {
			pod := runningPod(t, c, "", name, nil)
			ev := &api.PrometheusAlertEvent{Alert: api.Alert{Name: "KubePodCrashLooping", Labels: map[string]string{"team": team}}, Pod: pod}
			if err := run(t, "delete_alert_pod", `{"rate_limit": 3600, "rate_limit_field": "team"}`, ev); err != nil {
				t.Fatal(err)
			}
			_, err := c.CoreV1().Pods("prod").Get(ctx, name, metav1.GetOptions{})
			if deleted := apierrors.IsNotFound(err); deleted != (i == 0) {
				t.Errorf("pod %s deleted = %v: want only the first alert's pod deleted within the hour", name, deleted)
			}
		}
	})

	t.Run("DeleteJobWithItsPods", func(t *testing.T) {
		createJob(t, c, "prod", "etl")
		job, err := c.BatchV1().Jobs("prod").Get(ctx, "etl", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ev := &api.JobChangeEvent{Obj: job}
		if err := run(t, "delete_job", "", ev); err != nil {
			t.Fatal(err)
		}
		if got := blocks(ev); !cmp.Equal(got, []api.Block{api.MarkdownBlock("Job *prod/etl* deleted")}) {
			t.Errorf("blocks %v", got)
		}
		// Deleted in the background, not orphaning: no finalizer holds it
		// for a garbage collector to strip the pods' owner references.
		if _, err := c.BatchV1().Jobs("prod").Get(ctx, "etl", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
			t.Errorf("job etl still there: %v", err)
		}
		// The default (Robusta's) would have orphaned them.
		createJob(t, c, "prod", "orphaning")
		if err := c.BatchV1().Jobs("prod").Delete(ctx, "orphaning", metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
		if j, err := c.BatchV1().Jobs("prod").Get(ctx, "orphaning", metav1.GetOptions{}); err != nil || !cmp.Equal(j.Finalizers, []string{"orphan"}) {
			t.Errorf("a default deletion: %v, finalizers %v; want the orphan finalizer", err, j)
		}
	})
}

// TestCleanupRobustaPodsOnCluster: the API server applies the strategic
// merge patch's $deleteFromPrimitiveList to the pods' finalizers.
func TestCleanupRobustaPodsOnCluster(t *testing.T) {
	env := kubetest.Start(t)
	c, ctx := env.Client, t.Context()
	t.Setenv("POD_NAMESPACE", "robusta")
	must(c.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "robusta"}}, metav1.CreateOptions{})).get(t)
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	for name, phase := range map[string]corev1.PodPhase{"krr-job-done": corev1.PodSucceeded, "krr-job-busy": corev1.PodRunning, "web-0": corev1.PodSucceeded} {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "robusta", Finalizers: []string{"robusta.dev/krr-job-output", "example.com/keep"}},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "krr", Image: "krr:1"}}}}
		must(c.CoreV1().Pods("robusta").Create(ctx, p, metav1.CreateOptions{})).get(t)
		kubetest.UpdatePodStatus(t, c, "robusta", name, func(s *corev1.PodStatus) { s.Phase = phase })
	}
	actions, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := actions.Lookup("cleanup_robusta_pods")
	finalizers := func() map[string][]string {
		out := map[string][]string{}
		for _, p := range must(c.CoreV1().Pods("robusta").List(ctx, metav1.ListOptions{})).get(t).Items {
			out[p.Name] = p.Finalizers
		}
		return out
	}
	all := []string{"robusta.dev/krr-job-output", "example.com/keep"}
	for _, step := range []struct {
		params string
		want   map[string][]string
	}{
		// The pods are seconds old: six hours back keeps them all.
		{`{"hours_back": 6}`, map[string][]string{"krr-job-done": all, "krr-job-busy": all, "web-0": all}},
		// Any age: the finished KRR pod loses the finalizer, and only it.
		{`{"hours_back": 0}`, map[string][]string{"krr-job-done": {"example.com/keep"}, "krr-job-busy": all, "web-0": all}},
	} {
		fn, err := a.Bind([]byte(step.params))
		if err != nil {
			t.Fatal(err)
		}
		ev := &api.ScheduledEvent{}
		ev.Execution().SetCluster(cluster)
		if err := fn(ctx, ev); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(step.want, finalizers()); diff != "" {
			t.Errorf("%s: finalizers (-want +got):\n%s", step.params, diff)
		}
	}
	for _, name := range []string{"krr-job-done", "krr-job-busy", "web-0"} {
		_, _ = c.CoreV1().Pods("robusta").Patch(ctx, name, types.MergePatchType, []byte(`{"metadata":{"finalizers":null}}`), metav1.PatchOptions{})
	}
}

// must(call).get(t) is call's value, the test failed on its error.
func must[T any](v T, err error) result[T] { return result[T]{v, err} }

type result[T any] struct {
	v   T
	err error
}

func (r result[T]) get(t *testing.T) T {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.v
}

// runningPod creates a pod in prod on node (unscheduled when ""), owned by
// owner, with the status its kubelet would write: Running and Ready, so an
// eviction is checked against its budget.
func runningPod(t *testing.T, c kubernetes.Interface, node, name string, owner *metav1.OwnerReference) *corev1.Pod {
	t.Helper()
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "prod", Labels: map[string]string{"app": strings.Split(name, "-")[0]}},
		Spec:       corev1.PodSpec{NodeName: node, Containers: []corev1.Container{{Name: "main", Image: "img:1"}}},
	}
	if owner != nil {
		p.OwnerReferences = []metav1.OwnerReference{*owner}
	}
	must(c.CoreV1().Pods("prod").Create(t.Context(), p, metav1.CreateOptions{})).get(t)
	return kubetest.UpdatePodStatus(t, c, "prod", name, func(s *corev1.PodStatus) {
		s.Phase = corev1.PodRunning
		s.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}
	})
}

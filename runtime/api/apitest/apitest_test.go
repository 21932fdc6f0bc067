package apitest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
)

// fakeT records a test's failure instead of ending the real one, so that
// the failing paths of the helpers can be checked.
type fakeT struct {
	testing.TB
	msg string
}

func (f *fakeT) Helper() {}

// Fatalf records the message and unwinds to fails, as the real one ends
// the test's goroutine.
func (f *fakeT) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic(f)
}

func fails(t *testing.T, want string, fn func(tb testing.TB)) {
	t.Helper()
	ft := &fakeT{TB: t}
	func() {
		defer func() {
			if r := recover(); r != nil && r != ft {
				panic(r)
			}
		}()
		fn(ft)
	}()
	if !strings.Contains(ft.msg, want) {
		t.Errorf("failure %q, want it to contain %q", ft.msg, want)
	}
}

func TestObject(t *testing.T) {
	obj := Object(t, "apiVersion: v1\nkind: Pod\nmetadata: {name: api-0, namespace: prod}\nspec: {containers: [{name: main}]}")
	pod, ok := obj.(*corev1.Pod)
	if !ok || pod.Name != "api-0" || pod.Spec.Containers[0].Name != "main" {
		t.Fatalf("Object = %#v, want the typed pod", obj)
	}
	fails(t, `unknown field "spec.containerz"`, func(tb testing.TB) {
		Object(tb, "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containerz: []}")
	})
	fails(t, `unknown trigger "on_pod_updat" (did you mean "on_pod_update"?)`, func(tb testing.TB) {
		Change(tb, "on_pod_updat", api.OperationUpdate, pod, nil)
	})
	if ev, ok := Change(t, "on_pod_update", api.OperationUpdate, pod, nil).(*api.PodChangeEvent); !ok || ev.Obj != pod {
		t.Errorf("Change(on_pod_update) = %T, want a *api.PodChangeEvent of the pod", ev)
	}
}

func TestClusterLogsAndExec(t *testing.T) {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "api-0", Namespace: "prod"}}
	c := NewCluster(pod).
		WithLogs("prod", "api-0", "", "1\n2\n3\n").
		WithExec("prod", "api-0", "main", func(cmd []string) (string, error) { return strings.Join(cmd, " "), nil })
	ctx := context.Background()
	if got, err := c.Logs(ctx, "prod", "api-0", api.LogOptions{Container: "any", TailLines: 2}); err != nil || got != "2\n3\n" {
		t.Errorf("Logs tail 2 = %q, %v; want the last two lines", got, err)
	}
	if _, err := c.Logs(ctx, "prod", "web-0", api.LogOptions{}); err == nil || !strings.Contains(err.Error(), "call Cluster.WithLogs") {
		t.Errorf("Logs of a pod without a log: %v, want an error naming WithLogs", err)
	}
	if got, err := c.Exec(ctx, "prod", "api-0", api.ExecOptions{Container: "main", Command: []string{"ps", "aux"}}); err != nil || got != "ps aux" {
		t.Errorf("Exec = %q, %v", got, err)
	}
	if _, err := c.Exec(ctx, "prod", "api-0", api.ExecOptions{Container: "sidecar"}); err == nil {
		t.Error("Exec in a container without an answer succeeded")
	}
	if got, err := c.Kubernetes().CoreV1().Pods("prod").Get(ctx, "api-0", metav1.GetOptions{}); err != nil || got.Name != "api-0" {
		t.Errorf("the clientset lacks the pod: %v", err)
	}
	if len(c.Calls()) != 4 {
		t.Errorf("Calls = %q, want the four calls", c.Calls())
	}
}

// TestRunChecksLikeTheRunner: params are decoded by the runner's code, so
// a missing required param or an unknown one fails the test with the
// loader's words, as does an unknown action or an event it cannot take.
func TestRunChecksLikeTheRunner(t *testing.T) {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "api-0", Namespace: "prod"}}
	ev := Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
	fails(t, `params of pod_bash_enricher: missing required param "bash_command"`, func(tb testing.TB) {
		Run(tb, playbooks.Actions, "pod_bash_enricher", `{}`, ev, nil)
	})
	fails(t, `unknown param "bash_comand"`, func(tb testing.TB) {
		Run(tb, playbooks.Actions, "pod_bash_enricher", `{bash_command: ls, bash_comand: ls}`, ev, nil)
	})
	fails(t, `has no action "pod_bash_enrich" (did you mean "pod_bash_enricher"?)`, func(tb testing.TB) {
		Run(tb, playbooks.Actions, "pod_bash_enrich", ``, ev, nil)
	})
	dep := Change(t, "on_deployment_update", api.OperationUpdate, &appsv1.Deployment{}, nil)
	fails(t, "action logs_enricher takes api.PodEvent, not *api.DeploymentChangeEvent", func(tb testing.TB) {
		Run(tb, playbooks.Actions, "logs_enricher", ``, dep, nil)
	})
}

func TestAlertResolvesLikeTheRunner(t *testing.T) {
	pod := Object(t, `
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: prod}
spec: {nodeName: n1, containers: [{name: main}]}`)
	node := Object(t, `
apiVersion: v1
kind: Node
metadata: {name: n1}`)
	c := NewCluster(pod, node)
	ev := Alert(t, c, api.Alert{Labels: map[string]string{"alertname": "KubePodNotReady", "namespace": "prod", "pod": "api-0", "instance": "n1:9100"}})
	if ev.Alert.Name != "KubePodNotReady" || ev.Alert.Status != "firing" {
		t.Errorf("alert %+v, want the name from its label and status firing", ev.Alert)
	}
	if ev.Pod == nil || ev.Pod.Name != "api-0" || ev.Node == nil || ev.Node.Name != "n1" {
		t.Errorf("resolved pod %v node %v, want api-0 and n1", ev.Pod, ev.Node)
	}
	if ev.Deployment != nil {
		t.Errorf("resolved a deployment %v the alert does not name", ev.Deployment)
	}
	fails(t, "has no name", func(tb testing.TB) { Alert(tb, c, api.Alert{}) })
}

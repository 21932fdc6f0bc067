package playbooks_test

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/internal/conformance"
	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// robustaDefaults are the playbook lists of Robusta's values
// (internal/conformance) that the built-in bundle can run: no
// on_prometheus_alert trigger, every action built in; robusta_ui_sink
// dropped. It requires the playbooks left out for a missing action to be
// exactly those the Robusta UI runs, so that a default cannot go missing
// unnoticed.
func robustaDefaults(t *testing.T) map[string]any {
	t.Helper()
	var values map[string]any
	if err := yaml.Unmarshal(conformance.HelmValues, &values); err != nil {
		t.Fatal(err)
	}
	set, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{"enablePlatformPlaybooks": true}
	var missing []string
	for _, list := range []string{"builtinPlaybooks", "platformPlaybooks"} {
		var kept []any
		for _, pb := range values[list].([]any) {
			m := pb.(map[string]any)
			if !runsHere(m, set) {
				if !usesAlerts(m) {
					missing = append(missing, m["name"].(string))
				}
				continue
			}
			delete(m, "sinks") // [robusta_ui_sink]
			kept = append(kept, m)
		}
		out[list] = kept
	}
	// Every default that needs no Prometheus has its actions built in.
	if want := []string(nil); !slices.Equal(missing, want) {
		t.Errorf("Robusta's defaults without Prometheus left out: %v, want %v", missing, want)
	}
	return out
}

func usesAlerts(pb map[string]any) bool {
	for _, tr := range pb["triggers"].([]any) {
		if _, ok := tr.(map[string]any)["on_prometheus_alert"]; ok {
			return true
		}
	}
	return false
}

func runsHere(pb map[string]any, set *registry.Set) bool {
	if usesAlerts(pb) {
		return false
	}
	for _, a := range pb["actions"].([]any) {
		for name := range a.(map[string]any) {
			if _, ok := set.Lookup(name); !ok {
				return false
			}
		}
	}
	return true
}

// TestRobustaDefaultsFire runs Robusta's default Kubernetes playbooks, as
// its chart values have them, in the runner on a real API server with a
// fake kubelet behind it, and makes each fire: statuses written as the
// kubelet and the Job controller would, Events as they record them.
// Findings carry Robusta's titles; the crashed container's previous log
// comes through the kubelet.
func TestRobustaDefaultsFire(t *testing.T) {
	env := kubetest.Start(t)
	kubelet := kubetest.StartKubelet(t, env)
	c := env.Client
	ctx := t.Context()
	const ns = "defaults"
	if _, err := c.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"web-1", "pull-1", "ev-1", "oom-1"} {
		kubelet.CreatePod(t, &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "app:1"}}},
		})
	}
	kubelet.SetPreviousLog(ns, "web-1", "main", "starting\npanic: no database\n")
	kubelet.SetLog(ns, "oom-1", "main", "allocating\n")
	kubelet.SetPreviousLog(ns, "oom-1", "main", "allocating\n")
	out := runDefaults(t, env, robustaDefaults(t))

	main := func(set func(*corev1.ContainerStatus)) func(*corev1.PodStatus) {
		return func(s *corev1.PodStatus) { set(&s.ContainerStatuses[0]) }
	}
	now := metav1.Now()
	kubetest.UpdatePodStatus(t, c, ns, "web-1", main(func(cs *corev1.ContainerStatus) {
		cs.RestartCount, cs.Ready = 3, false
		cs.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}}
		cs.LastTerminationState = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Error", ExitCode: 2, StartedAt: now, FinishedAt: now}}
	}))
	kubetest.UpdatePodStatus(t, c, ns, "pull-1", func(s *corev1.PodStatus) {
		s.StartTime = &metav1.Time{Time: time.Now().Add(-time.Hour)} // past fire_delay (120 s)
		s.ContainerStatuses[0].Ready = false
		s.ContainerStatuses[0].State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ImagePullBackOff"}}
	})
	kubetest.UpdatePodStatus(t, c, ns, "ev-1", func(s *corev1.PodStatus) {
		s.Phase, s.Reason, s.Message = corev1.PodFailed, "Evicted", "The node was low on resource: memory."
	})
	kubetest.UpdatePodStatus(t, c, ns, "oom-1", main(func(cs *corev1.ContainerStatus) {
		cs.RestartCount, cs.Ready = 1, false
		cs.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "OOMKilled", ExitCode: 137, StartedAt: now, FinishedAt: now}}
	}))
	warn := func(pod, reason, message string) {
		kubetest.CreateEvent(t, c, &corev1.Event{
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", APIVersion: "v1", Namespace: ns, Name: pod},
			Reason:         reason, Type: corev1.EventTypeWarning, Message: message, Source: corev1.EventSource{Component: "kubelet"},
		})
	}
	warn("web-1", "BackOff", "Back-off restarting failed container main in pod web-1")
	warn("ev-1", "Evicted", "The node was low on resource: memory.")
	createJob(t, c, ns, "etl")
	kubetest.UpdateJobStatus(t, c, ns, "etl", kubetest.JobFailed("BackoffLimitExceeded", "Job has reached the specified backoff limit"))
	dep := deployment(ns, "api")
	if _, err := c.AppsV1().Deployments(ns).Create(ctx, dep, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	dep.Spec.Template.Spec.Containers[0].Image = "api:2"
	if _, err := c.AppsV1().Deployments(ns).Update(ctx, dep, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}

	crash := waitFinding(t, out, "Crashing pod web-1 in namespace defaults")
	if log := fileBlock(crash[0], "web-1.log"); !strings.Contains(log, "panic: no database") {
		t.Errorf("the crash finding's web-1.log = %q, want the previous container's log", log)
	}
	for _, title := range []string{
		"Failed to pull at least one image in pod pull-1 in namespace defaults",
		"Pod ev-1 in namespace defaults was Evicted",
		"Pod oom-1 in namespace defaults OOMKilled results",
		"BackOff Warning for Pod defaults/web-1",
		"Job etl on namespace defaults failed",
		"deployment/defaults/api.yaml updated",
	} {
		waitFinding(t, out, title)
	}
	// An eviction Event: PodEvictionReport and K8sWarningEventsReport each
	// report it.
	kubetest.Eventually(t, 30*time.Second, "two findings of the Evicted event", func() bool {
		n := 0
		for _, f := range readSunk(t, out) {
			if f.Title == "Evicted Warning for Pod defaults/ev-1" {
				n++
			}
		}
		return n == 2
	})
}

// fileBlock is the content of the file block named name in f, "" if none.
func fileBlock(f sunk, name string) string {
	for _, e := range f.Enrichments {
		for _, b := range e.Blocks {
			if b["type"] == "file" && b["filename"] == name {
				data, _ := base64.StdEncoding.DecodeString(b["contents"].(string))
				return string(data)
			}
		}
	}
	return ""
}

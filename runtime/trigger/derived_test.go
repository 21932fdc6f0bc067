package trigger

import (
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// podWith is a pod in ns "prod" with the given container statuses; owner,
// when set, is its first ownerReference.
func podWith(name, owner string, statuses ...corev1.ContainerStatus) *corev1.Pod {
	p := pod("prod", name, nil, nil)
	if owner != "" {
		p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: owner}, {Kind: "Other", Name: "second"}}
	}
	p.Status.ContainerStatuses = statuses
	p.Status.StartTime = &metav1.Time{Time: t0}
	return p
}

func waiting(reason string, restarts int32) corev1.ContainerStatus {
	return corev1.ContainerStatus{Name: "app", RestartCount: restarts, State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason}}}
}

func terminated(name, reason string) corev1.ContainerStatus {
	return corev1.ContainerStatus{Name: name, State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: reason}}}
}

func update(obj, old api.Object, now time.Time) Input {
	return Input{Kind: api.KindOf(obj), Operation: api.OperationUpdate, Obj: obj, Old: old, Now: func() time.Time { return now }}
}

type fireCase struct {
	name    string
	trigger string
	params  string
	in      Input
	// want is the limit a fire asks for; nil means it must not fire.
	want *Limit
}

func runFireCases(t *testing.T, cases []fireCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, ok := compile(t, tc.trigger, tc.params).Match(tc.in)
			switch {
			case tc.want == nil && ok:
				t.Errorf("fired (limit %+v), want no fire", l)
			case tc.want != nil && !ok:
				t.Errorf("did not fire, want limit %+v", *tc.want)
			case tc.want != nil && l != *tc.want:
				t.Errorf("limit %+v, want %+v", l, *tc.want)
			}
		})
	}
}

const hours4 = 4 * time.Hour

func TestCrashLoop(t *testing.T) {
	limit := &Limit{Class: "PodCrashLoopTrigger", Key: "prod:web-5d4f", Period: hours4}
	init := podWith("web-0", "web-5d4f")
	init.Status.InitContainerStatuses = []corev1.ContainerStatus{waiting("CrashLoopBackOff", 5)}
	runFireCases(t, []fireCase{
		{"waiting after 2 restarts, owner key", "on_pod_crash_loop", `{}`, update(podWith("web-0", "web-5d4f", waiting("CrashLoopBackOff", 2)), nil, t0), limit},
		{"no owner: the pod's own name", "on_pod_crash_loop", `{}`, update(podWith("web-0", "", waiting("CrashLoopBackOff", 3)), nil, t0), &Limit{Class: "PodCrashLoopTrigger", Key: "prod:web-0", Period: hours4}},
		{"init container", "on_pod_crash_loop", `{}`, update(init, nil, t0), limit},
		{"one restart is below the default", "on_pod_crash_loop", `{}`, update(podWith("web-0", "web-5d4f", waiting("CrashLoopBackOff", 1)), nil, t0), nil},
		{"running is not waiting", "on_pod_crash_loop", `{}`, update(podWith("web-0", "", corev1.ContainerStatus{RestartCount: 9}), nil, t0), nil},
		{"restart_reason is a substring", "on_pod_crash_loop", `{"restart_reason":"LoopBack"}`, update(podWith("web-0", "web-5d4f", waiting("CrashLoopBackOff", 2)), nil, t0), limit},
		{"another reason", "on_pod_crash_loop", `{"restart_reason":"CrashLoopBackOff"}`, update(podWith("web-0", "", waiting("ContainerCreating", 4)), nil, t0), nil},
		{"restart_count and rate_limit set", "on_pod_crash_loop", `{"restart_count":5,"rate_limit":60}`, update(podWith("web-0", "", waiting("X", 5)), nil, t0), &Limit{Class: "PodCrashLoopTrigger", Key: "prod:web-0", Period: time.Minute}},
		{"filters still apply", "on_pod_crash_loop", `{"name_prefix":"api-"}`, update(podWith("web-0", "", waiting("X", 5)), nil, t0), nil},
	})
}

func TestImagePullBackoff(t *testing.T) {
	backoff := podWith("web-0", "web-5d4f", waiting("ImagePullBackOff", 0))
	noStart := podWith("web-0", "", waiting("ImagePullBackOff", 0))
	noStart.Status.StartTime = nil
	limit := &Limit{Class: "PodImagePullBackoffTrigger", Key: "prod:web-5d4f", Period: hours4}
	runFireCases(t, []fireCase{
		{"after fire_delay", "on_image_pull_backoff", `{}`, update(backoff, nil, t0.Add(120*time.Second)), limit},
		{"within fire_delay", "on_image_pull_backoff", `{}`, update(backoff, nil, t0.Add(119*time.Second)), nil},
		{"no startTime counts as just started", "on_image_pull_backoff", `{}`, update(noStart, nil, t0.Add(time.Hour)), nil},
		{"no startTime with fire_delay 0", "on_image_pull_backoff", `{"fire_delay":0}`, update(noStart, nil, t0), &Limit{Class: "PodImagePullBackoffTrigger", Key: "prod:web-0", Period: hours4}},
		{"ErrImagePull is not backoff", "on_image_pull_backoff", `{}`, update(podWith("web-0", "", waiting("ErrImagePull", 0)), nil, t0.Add(time.Hour)), nil},
	})
}

func TestOOMKilled(t *testing.T) {
	oom := podWith("batch-7", "batch", terminated("worker", "OOMKilled"))
	podLimit := &Limit{Class: "PodOOMKilledTrigger", Key: "prod:batch", Period: time.Hour}
	ctrLimit := &Limit{Class: "ContainerOOMKilledTrigger", Key: "prod:batch", Period: time.Hour}
	lastOnly := podWith("batch-7", "", corev1.ContainerStatus{Name: "worker", LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "OOMKilled"}}})
	runFireCases(t, []fireCase{
		{"pod", "on_pod_oom_killed", `{}`, update(oom, nil, t0), podLimit},
		{"container: its own class in the key", "on_container_oom_killed", `{}`, update(oom, nil, t0), ctrLimit},
		{"another termination", "on_pod_oom_killed", `{}`, update(podWith("batch-7", "", terminated("worker", "Error")), nil, t0), nil},
		{"only the current state counts", "on_pod_oom_killed", `{}`, update(lastOnly, nil, t0), nil},
		{"pod excluded by name prefix", "on_pod_oom_killed", `{"exclude":[{"name":"batch-"}]}`, update(oom, nil, t0), nil},
		{"pod excluded by namespace", "on_pod_oom_killed", `{"exclude":[{"namespace":"prod"}]}`, update(oom, nil, t0), nil},
		{"both keys need both", "on_pod_oom_killed", `{"exclude":[{"name":"batch-","namespace":"dev"}]}`, update(oom, nil, t0), podLimit},
		{"namespace is exact", "on_pod_oom_killed", `{"exclude":[{"namespace":"pro"}]}`, update(oom, nil, t0), podLimit},
		{"pod exclude names the pod, not the container", "on_pod_oom_killed", `{"exclude":[{"name":"worker"}]}`, update(oom, nil, t0), podLimit},
		{"container excluded by its name", "on_container_oom_killed", `{"exclude":[{"name":"work"}]}`, update(oom, nil, t0), nil},
		{"container exclude names the container, not the pod", "on_container_oom_killed", `{"exclude":[{"name":"batch-"}]}`, update(oom, nil, t0), ctrLimit},
		{"another container still fires", "on_container_oom_killed", `{"exclude":[{"name":"sidecar"}]}`, update(podWith("batch-7", "batch", terminated("sidecar", "OOMKilled"), terminated("worker", "OOMKilled")), nil, t0), ctrLimit},
	})
}

func TestPodEvicted(t *testing.T) {
	evicted := podWith("web-0", "web-5d4f")
	evicted.Status.Reason = "Evicted"
	runFireCases(t, []fireCase{
		{"keyed by the pod, not its owner", "on_pod_evicted", `{}`, update(evicted, nil, t0), &Limit{Class: "PodEvictedTrigger", Key: "prod:web-0", Period: hours4}},
		{"not evicted", "on_pod_evicted", `{}`, update(podWith("web-0", ""), nil, t0), nil},
	})
}

func TestJobFailure(t *testing.T) {
	job := func(conds ...batchv1.JobConditionType) *batchv1.Job {
		j := &batchv1.Job{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "backup"}}
		for _, c := range conds {
			j.Status.Conditions = append(j.Status.Conditions, batchv1.JobCondition{Type: c, Status: corev1.ConditionTrue})
		}
		return j
	}
	runFireCases(t, []fireCase{
		{"gains Failed", "on_job_failure", `{}`, update(job(batchv1.JobFailed), job(), t0), &Limit{}},
		{"no old object", "on_job_failure", `{}`, update(job(batchv1.JobFailed), nil, t0), &Limit{}},
		{"already failed", "on_job_failure", `{}`, update(job(batchv1.JobFailureTarget, batchv1.JobFailed), job(batchv1.JobFailed), t0), nil},
		{"complete", "on_job_failure", `{}`, update(job(batchv1.JobComplete), job(), t0), nil},
	})
}

func TestWarningEvent(t *testing.T) {
	event := func(typ, reason, msg string) *corev1.Event {
		return &corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Namespace: "prod", Name: "web-0.17a"},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "prod", Name: "web-0"},
			Type:           typ, Reason: reason, Message: msg,
		}
	}
	backoff := event("Warning", "BackOff", "Back-off restarting failed container")
	limit := &Limit{Class: "WarningEventTrigger", Suffix: "_BackOff", Key: "prod:web-0", Period: time.Hour}
	create := func(obj api.Object) Input {
		in := update(obj, nil, t0)
		in.Operation = api.OperationCreate
		return in
	}
	orphan := event("Warning", "X", "")
	orphan.InvolvedObject = corev1.ObjectReference{}
	runFireCases(t, []fireCase{
		{"warning, keyed per reason and object", "on_kubernetes_warning_event", `{}`, update(backoff, nil, t0), limit},
		{"normal", "on_kubernetes_warning_event", `{}`, update(event("Normal", "Pulled", ""), nil, t0), nil},
		{"names no object", "on_kubernetes_warning_event", `{}`, update(orphan, nil, t0), nil},
		{"operations", "on_kubernetes_warning_event", `{"operations":["create"]}`, update(backoff, nil, t0), nil},
		{"operations match", "on_kubernetes_warning_event", `{"operations":["create"]}`, create(backoff), limit},
		{"_create fires on create", "on_kubernetes_warning_event_create", `{}`, create(backoff), limit},
		{"_create not on update", "on_kubernetes_warning_event_create", `{}`, update(backoff, nil, t0), nil},
		{"exclude: substring of reason+message, any case", "on_kubernetes_warning_event", `{"exclude":["RESTARTING"]}`, update(backoff, nil, t0), nil},
		{"exclude spans reason and message", "on_kubernetes_warning_event", `{"exclude":["offback"]}`, update(backoff, nil, t0), nil},
		{"include matches", "on_kubernetes_warning_event", `{"include":["nothing","backoff"]}`, update(backoff, nil, t0), limit},
		{"include needs one match", "on_kubernetes_warning_event", `{"include":["FailedMount"]}`, update(backoff, nil, t0), nil},
		{"rate_limit", "on_kubernetes_warning_event_update", `{"rate_limit":5}`, update(backoff, nil, t0), &Limit{Class: "WarningEventTrigger", Suffix: "_BackOff", Key: "prod:web-0", Period: 5 * time.Second}},
	})
}

func TestResourceOperation(t *testing.T) {
	dep := func(image string, replicas int32) *corev1.Pod { // any kind will do: the kind comes from Input
		p := pod("prod", "web", nil, nil)
		p.Spec.Containers = []corev1.Container{{Name: "web", Image: image}}
		p.Spec.Priority = &replicas
		return p
	}
	in := func(kind string, op api.Operation, obj, old api.Object) Input {
		return Input{Kind: kind, Operation: op, Obj: obj, Old: old, Now: time.Now}
	}
	runFireCases(t, []fireCase{
		{"a resource listed, any case", "on_kubernetes_resource_operation", `{"resources":["Pod"]}`, in("Pod", api.OperationCreate, dep("a", 1), nil), &Limit{}},
		{"a resource not listed", "on_kubernetes_resource_operation", `{"resources":["deployment"]}`, in("Pod", api.OperationCreate, dep("a", 1), nil), nil},
		{"an operation not listed", "on_kubernetes_resource_operation", `{"operations":["update"]}`, in("Pod", api.OperationDelete, dep("a", 1), nil), nil},
		{"default change_filters: a spec change", "on_kubernetes_resource_operation", `{}`, in("Pod", api.OperationUpdate, dep("b", 1), dep("a", 1)), &Limit{}},
		{"default change_filters: a status change", "on_kubernetes_resource_operation", `{}`, in("Pod", api.OperationUpdate, withPhase(dep("a", 1), "Running"), dep("a", 1)), nil},
		{"change_filters null: no filtering", "on_kubernetes_resource_operation", `{"change_filters":null}`, in("Pod", api.OperationUpdate, withPhase(dep("a", 1), "Running"), dep("a", 1)), &Limit{}},
	})
}

func withPhase(p *corev1.Pod, phase corev1.PodPhase) *corev1.Pod {
	p.Status.Phase = phase
	return p
}

// A pod update that none of the derived pod triggers matches allocates
// nothing, whatever the trigger's params.
func TestDerivedNoMatchAllocatesNothing(t *testing.T) {
	running := podWith("web-0", "web-5d4f", corev1.ContainerStatus{Name: "app", State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}})
	in := update(running, running, t0.Add(time.Hour))
	for _, name := range []string{"on_pod_crash_loop", "on_image_pull_backoff", "on_pod_oom_killed", "on_container_oom_killed", "on_pod_evicted"} {
		params := `{}`
		if strings.Contains(name, "oom") {
			params = `{"exclude":[{"name":"x"}]}`
		}
		tr := compile(t, name, params)
		if n := testing.AllocsPerRun(100, func() { tr.Match(in) }); n != 0 {
			t.Errorf("%s: %v allocations on a pod it does not match", name, n)
		}
	}
}

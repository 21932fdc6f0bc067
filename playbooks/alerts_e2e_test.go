package playbooks_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// TestRobustaAlertDefaults posts the alerts Robusta's default playbooks
// react to, with kube-prometheus' labels and annotations, to the runner on
// a real API server, with the alert playbooks of Robusta's values as they
// are (alertDefaults). The cluster has a node whose hostname says Kind, so
// the detected provider is Kind and k8s_providers [Minikube, Kind,
// RancherDesktop] applies. It checks each finding's title, subject and
// enrichments, and that the silenced alerts reach no sink: with one worker
// the events run in the order posted, so once the last alert's finding is
// written every earlier one has been decided.
func TestRobustaAlertDefaults(t *testing.T) {
	env := kubetest.Start(t)
	kubelet := kubetest.StartKubelet(t, env)
	c := env.Client
	ctx := t.Context()
	const ns = "alerts"
	for _, n := range []string{ns, "kube-system"} {
		if _, err := c.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: n}}, metav1.CreateOptions{}); err != nil && n == ns {
			t.Fatal(err)
		}
	}
	// A kind node, NotReady.
	node, err := c.CoreV1().Nodes().Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{
		Name: "kind-worker", Labels: map[string]string{corev1.LabelHostname: "kind-worker", "team": "infra"},
	}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	node.Status = corev1.NodeStatus{
		Conditions:  []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionFalse, Reason: "KubeletNotReady", Message: "container runtime is down"}},
		Capacity:    corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("4"), corev1.ResourceMemory: resource.MustParse("8Gi"), corev1.ResourcePods: resource.MustParse("110")},
		Allocatable: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("3800m"), corev1.ResourceMemory: resource.MustParse("7Gi"), corev1.ResourcePods: resource.MustParse("110")},
	}
	if _, err := c.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}

	container := func(name string, cpuLimit string) corev1.Container {
		ct := corev1.Container{Name: name, Image: "app:1"}
		if cpuLimit != "" {
			ct.Resources.Limits = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpuLimit)}
		}
		return ct
	}
	for _, p := range []*corev1.Pod{
		{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "web-1", Labels: map[string]string{"app": "web"}}, Spec: corev1.PodSpec{Containers: []corev1.Container{container("main", "")}}},
		{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "notready-1"}, Spec: corev1.PodSpec{Containers: []corev1.Container{container("main", "")}}},
		{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "throttled-1"}, Spec: corev1.PodSpec{Containers: []corev1.Container{container("main", "500m")}}},
		// GKE's managed metrics-server: cpu_throttling_analysis_enricher
		// silences its throttling.
		{ObjectMeta: metav1.ObjectMeta{Namespace: "kube-system", Name: "metrics-server-v1-abc"}, Spec: corev1.PodSpec{
			Containers:  []corev1.Container{container("metrics-server", "100m")},
			Tolerations: []corev1.Toleration{{Key: "components.gke.io/gke-managed-components", Operator: corev1.TolerationOpExists}},
		}},
	} {
		kubelet.CreatePod(t, p)
	}
	kubelet.SetLog(ns, "web-1", "main", "starting\npanic: no database\n")
	kubelet.SetPreviousLog(ns, "web-1", "main", "starting\npanic: no database\n")
	kubelet.SetLog(ns, "notready-1", "main", "waiting for the cache\n")
	now := metav1.Now()
	kubetest.UpdatePodStatus(t, c, ns, "web-1", func(s *corev1.PodStatus) {
		cs := &s.ContainerStatuses[0]
		cs.RestartCount, cs.Ready = 5, false
		cs.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff", Message: "back-off 5m0s restarting failed container"}}
		cs.LastTerminationState = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Error", ExitCode: 2, StartedAt: now, FinishedAt: now}}
	})
	kubetest.UpdatePodStatus(t, c, ns, "notready-1", func(s *corev1.PodStatus) {
		s.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionFalse, Reason: "ContainersNotReady"}}
		s.ContainerStatuses[0].Ready = false
	})
	kubetest.CreateEvent(t, c, &corev1.Event{
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", APIVersion: "v1", Namespace: ns, Name: "web-1"},
		Reason:         "BackOff", Type: corev1.EventTypeWarning, Message: "Back-off restarting failed container main in pod web-1", Source: corev1.EventSource{Component: "kubelet"},
	})
	createJob(t, c, ns, "etl")
	kubetest.UpdateJobStatus(t, c, ns, "etl", kubetest.JobFailed("BackoffLimitExceeded", "Job has reached the specified backoff limit"))
	if _, err := c.AppsV1().Deployments(ns).Create(ctx, deployment(ns, "web"), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	createHPA(t, env, ns, "web")

	out, addr := runDefaultsWith(t, env, alertDefaults(t), "--alerts-allow-unauthenticated", "--workers", "1")

	ksm := func(l map[string]string) map[string]string {
		l["job"], l["instance"], l["service"] = "kube-state-metrics", "10.244.0.5:8080", "prometheus-kube-state-metrics"
		if l["severity"] == "" {
			l["severity"] = "warning"
		}
		return l
	}
	crash := firing(ksm(map[string]string{"alertname": "KubePodCrashLooping", "namespace": ns, "pod": "web-1", "container": "main", "reason": "CrashLoopBackOff"}),
		"Pod is crash looping.", `Pod alerts/web-1 (main) is in waiting state (reason: "CrashLoopBackOff").`)
	notReady := firing(map[string]string{"alertname": "KubePodNotReady", "namespace": ns, "pod": "notready-1", "severity": "warning"},
		"Pod has been in a non-ready state for more than 15 minutes.", "Pod alerts/notready-1 has been in a non-ready state for longer than 15 minutes.")
	jobFailed := firing(ksm(map[string]string{"alertname": "KubeJobFailed", "namespace": ns, "job_name": "etl", "condition": "true"}),
		"Job failed to complete.", "Job alerts/etl failed to complete. Removing failed job after investigation should clear this alert.")
	nodeNotReady := firing(ksm(map[string]string{"alertname": "KubeNodeNotReady", "node": "kind-worker", "condition": "Ready", "status": "true"}),
		"Node is not ready.", "kind-worker has been unready for more than 15 minutes.\n LABELS = map[condition:Ready node:kind-worker]")
	throttled := firing(map[string]string{"alertname": "CPUThrottlingHigh", "namespace": ns, "pod": "throttled-1", "container": "main", "severity": "info"},
		"Processes experience elevated CPU throttling.", "25.6% throttling of CPU in namespace alerts for container main in pod throttled-1.")
	hpa := firing(ksm(map[string]string{"alertname": "KubeHpaReplicasMismatch", "namespace": ns, "horizontalpodautoscaler": "web"}),
		"HPA has not matched desired number of replicas.", "HPA alerts/web has not matched the desired number of replicas for longer than 15 minutes.")
	// Silenced: Watchdog by name; etcdMembersDown on a Kind cluster (by
	// k8s_providers); the managed metrics-server's throttling; TargetDown
	// of a coredns Service that does not exist.
	silenced := []webhookAlert{
		firing(map[string]string{"alertname": "Watchdog", "severity": "none"}, "An alert that should always be firing to certify that Alertmanager is working properly.", ""),
		firing(map[string]string{"alertname": "etcdMembersDown", "job": "kube-etcd", "severity": "critical"}, "etcd cluster members are down.", ""),
		firing(map[string]string{"alertname": "CPUThrottlingHigh", "namespace": "kube-system", "pod": "metrics-server-v1-abc", "container": "metrics-server", "severity": "info"},
			"Processes experience elevated CPU throttling.", ""),
		firing(map[string]string{"alertname": "TargetDown", "job": "coredns", "namespace": "kube-system", "service": "coredns", "severity": "warning"},
			"One or more targets are unreachable.", "100% of the coredns/coredns targets in kube-system namespace are down."),
	}
	postAlerts(t, addr, silenced...)
	postAlerts(t, addr, crash, notReady, jobFailed, nodeNotReady, throttled, hpa, resolved(jobFailed))

	// The resolved alert is last: once its finding is there, every earlier
	// alert has run.
	last := waitFinding(t, out, "[RESOLVED] Job failed to complete.")[0]
	if last.Subject.Kind != "Job" || last.Subject.Name != "etl" {
		t.Errorf("resolved KubeJobFailed: subject %+v, want the job etl", last.Subject)
	}
	all := readSunk(t, out)
	for _, f := range all {
		for _, s := range silenced {
			if f.Subject.Labels["alertname"] == s.Labels["alertname"] && f.Subject.Labels["pod"] == s.Labels["pod"] {
				t.Errorf("silenced alert %s (pod %q) reached the sink: %q", s.Labels["alertname"], s.Labels["pod"], f.Title)
			}
		}
	}

	type want struct {
		title, kind, name, node string
		text                    []string // substrings of the enrichments
	}
	for _, w := range []want{
		{"Pod is crash looping.", "Pod", "web-1", kubelet.Node, []string{"web-1.log", "Pod Events", "Back-off restarting failed container", "Alert labels"}},
		{"Pod has been in a non-ready state for more than 15 minutes.", "Pod", "notready-1", kubelet.Node, []string{"Alert labels"}},
		{"Job failed to complete.", "Job", "etl", "", []string{"Alert labels"}},
		// The node, not kube-state-metrics' instance; LABELS = map[...]
		// stripped from the description.
		{"Node is not ready.", "Node", "kind-worker", "kind-worker", []string{"Alert labels"}},
		{"Processes experience elevated CPU throttling.", "Pod", "throttled-1", kubelet.Node, []string{"Remove this pod's CPU limit entirely"}},
		{"HPA has not matched desired number of replicas.", "HorizontalPodAutoscaler", "web", "", []string{"Alert labels"}},
	} {
		i := slices.IndexFunc(all, func(f sunk) bool { return f.Title == w.title })
		if i < 0 {
			t.Errorf("no finding titled %q", w.title)
			continue
		}
		f := all[i]
		if f.Subject.Kind != w.kind || f.Subject.Name != w.name || f.Subject.Node != w.node {
			t.Errorf("%s: subject %s %s on node %q, want %s %s on node %q", w.title, f.Subject.Kind, f.Subject.Name, f.Subject.Node, w.kind, w.name, w.node)
		}
		if f.Subject.Labels["alertname"] == "" {
			t.Errorf("%s: subject labels %v lack the alert's", w.title, f.Subject.Labels)
		}
		text := enrichmentText(f)
		for _, s := range w.text {
			if !strings.Contains(text, s) {
				t.Errorf("%s: enrichments lack %q:\n%s", w.title, s, text)
			}
		}
		t.Logf("%s (%s, playbook %s): enrichments\n%s", f.Title, f.Severity, f.Playbook, text)
	}
	if i := slices.IndexFunc(all, func(f sunk) bool { return f.Title == "Pod is crash looping." }); i >= 0 {
		if log := fileBlock(all[i], "web-1.log"); !strings.Contains(log, "panic: no database") {
			t.Errorf("KubePodCrashLooping: web-1.log = %q, want the container's log", log)
		}
	}
	if i := slices.IndexFunc(all, func(f sunk) bool { return f.Title == "Node is not ready." }); i >= 0 {
		if d := all[i].Description; d != "kind-worker has been unready for more than 15 minutes." {
			t.Errorf("KubeNodeNotReady description %q, want it without LABELS = map[...]", d)
		}
		if all[i].Subject.Labels["team"] != "infra" {
			t.Errorf("KubeNodeNotReady subject labels %v, want the node's merged with the alert's", all[i].Subject.Labels)
		}
	}
}

// createHPA creates an HPA on the deployment name whose status wants more
// replicas than it has, as KubeHpaReplicasMismatch reports.
func createHPA(t *testing.T, env *kubetest.Env, ns, name string) {
	t.Helper()
	hpas := env.Client.AutoscalingV2().HorizontalPodAutoscalers(ns)
	one := int32(1)
	h, err := hpas.Create(t.Context(), &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{Kind: "Deployment", Name: name, APIVersion: "apps/v1"},
			MinReplicas:    &one, MaxReplicas: 3,
		},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h.Status = autoscalingv2.HorizontalPodAutoscalerStatus{CurrentReplicas: 1, DesiredReplicas: 3, LastScaleTime: &metav1.Time{Time: time.Now()}}
	if _, err := hpas.UpdateStatus(t.Context(), h, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// lastApplied is the annotation kubectl apply writes.
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

// apps are the workloads the pods are spread over.
var apps = [...]string{"checkout", "cart", "catalog", "payments", "search", "frontend", "recommendations", "shipping", "email", "ads"}

// digest is a stable hex string of n characters derived from parts.
func digest(n int, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
	}
	s := hex.EncodeToString(h.Sum(nil))
	for len(s) < n {
		s += s
	}
	return s[:n]
}

// benchPod is pod i of ns as `kubectl apply` sends it: a Deployment-style
// pod with the usual labels and annotations, an owner reference, a
// two-container spec, and the last-applied-configuration annotation holding
// that configuration as JSON.
func benchPod(ns string, i int) (*corev1.Pod, error) {
	app := apps[i%len(apps)]
	hash := digest(10, app, "template")
	rs := app + "-" + hash
	pod := &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{
			Namespace: ns,
			Name:      fmt.Sprintf("%s-%05d", rs, i),
			Labels: map[string]string{
				"app.kubernetes.io/name":      app,
				"app.kubernetes.io/instance":  app + "-prod",
				"app.kubernetes.io/version":   "1.14.2",
				"app.kubernetes.io/component": "server",
				"app.kubernetes.io/part-of":   "shop",
				"pod-template-hash":           hash,
				"team":                        "team-" + app,
			},
			Annotations: map[string]string{
				"prometheus.io/scrape":                    "true",
				"prometheus.io/port":                      "9090",
				"prometheus.io/path":                      "/metrics",
				"checksum/config":                         digest(64, app, "config"),
				"kubectl.kubernetes.io/default-container": app,
			},
		},
		Spec: podSpec(app, i),
	}
	// The applied configuration is what the user wrote: the scheduler, not
	// the user, sets nodeName.
	appliedSpec := pod.Spec
	appliedSpec.NodeName = ""
	applied, err := json.Marshal(struct {
		APIVersion string            `json:"apiVersion"`
		Kind       string            `json:"kind"`
		Metadata   metav1.ObjectMeta `json:"metadata"`
		Spec       corev1.PodSpec    `json:"spec"`
	}{pod.APIVersion, pod.Kind, metav1.ObjectMeta{Name: pod.Name, Namespace: ns, Labels: pod.Labels, Annotations: pod.Annotations}, appliedSpec})
	if err != nil {
		return nil, fmt.Errorf("encoding the last-applied configuration: %w", err)
	}
	pod.Annotations[lastApplied] = string(applied) + "\n"
	yes := true
	pod.OwnerReferences = []metav1.OwnerReference{{
		APIVersion: "apps/v1", Kind: "ReplicaSet", Name: rs, UID: types.UID(uuidLike(rs)), Controller: &yes, BlockOwnerDeletion: &yes,
	}}
	return pod, nil
}

func uuidLike(s string) string {
	d := digest(32, s)
	return d[:8] + "-" + d[8:12] + "-" + d[12:16] + "-" + d[16:20] + "-" + d[20:]
}

func podSpec(app string, i int) corev1.PodSpec {
	grace, uid, gid := int64(30), int64(1000), int64(2000)
	yes, no := true, false
	return corev1.PodSpec{
		NodeName:                      fmt.Sprintf("worker-%02d", i%20),
		RestartPolicy:                 corev1.RestartPolicyAlways,
		TerminationGracePeriodSeconds: &grace,
		DNSPolicy:                     corev1.DNSClusterFirst,
		SecurityContext:               &corev1.PodSecurityContext{RunAsNonRoot: &yes, RunAsUser: &uid, FSGroup: &gid},
		Containers: []corev1.Container{
			{
				Name:            app,
				Image:           "registry.example.com/shop/" + app + ":1.14.2",
				ImagePullPolicy: corev1.PullIfNotPresent,
				Ports: []corev1.ContainerPort{
					{Name: "http", ContainerPort: 8080, Protocol: corev1.ProtocolTCP},
					{Name: "metrics", ContainerPort: 9090, Protocol: corev1.ProtocolTCP},
				},
				Env: []corev1.EnvVar{
					{Name: "LOG_LEVEL", Value: "info"},
					{Name: "HTTP_PORT", Value: "8080"},
					{Name: "POD_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}},
					{Name: "DB_PASSWORD", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
						LocalObjectReference: corev1.LocalObjectReference{Name: app + "-db"}, Key: "password"}}},
				},
				Resources: resources("100m", "128Mi", "500m", "512Mi"),
				LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromString("http")}},
					InitialDelaySeconds: 10, PeriodSeconds: 10},
				ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/readyz", Port: intstr.FromString("http")}},
					PeriodSeconds: 5},
				VolumeMounts: []corev1.VolumeMount{{Name: "config", MountPath: "/etc/" + app, ReadOnly: true}, {Name: "tmp", MountPath: "/tmp"}},
				SecurityContext: &corev1.SecurityContext{AllowPrivilegeEscalation: &no, ReadOnlyRootFilesystem: &yes,
					Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}}},
			},
			{
				Name:         "log-shipper",
				Image:        "fluent/fluent-bit:3.1.4",
				Resources:    resources("10m", "32Mi", "100m", "64Mi"),
				VolumeMounts: []corev1.VolumeMount{{Name: "tmp", MountPath: "/var/log/app", ReadOnly: true}},
			},
		},
		Volumes: []corev1.Volume{
			{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: app + "-config"}}}},
			{Name: "tmp", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		},
	}
}

// imageRepo is image without its tag.
func imageRepo(image string) string {
	if i := strings.LastIndexByte(image, ':'); i > strings.LastIndexByte(image, '/') {
		return image[:i]
	}
	return image
}

func resources(cpuReq, memReq, cpuLim, memLim string) corev1.ResourceRequirements {
	return corev1.ResourceRequirements{
		Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpuReq), corev1.ResourceMemory: resource.MustParse(memReq)},
		Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpuLim), corev1.ResourceMemory: resource.MustParse(memLim)},
	}
}

// runningStatus is the status the kubelet reports for a started pod, on
// top of what the API server set at creation.
func runningStatus(p *corev1.Pod, i int) corev1.PodStatus {
	s := p.Status
	now := metav1.NewTime(time.Now().Truncate(time.Second))
	s.Phase = corev1.PodRunning
	s.HostIP = fmt.Sprintf("10.0.0.%d", 10+i%20)
	s.HostIPs = []corev1.HostIP{{IP: s.HostIP}}
	s.PodIP = fmt.Sprintf("10.244.%d.%d", (i/250)%250, 2+i%250)
	s.PodIPs = []corev1.PodIP{{IP: s.PodIP}}
	s.StartTime = &now
	s.Conditions = nil
	for _, c := range []corev1.PodConditionType{"PodReadyToStartContainers", corev1.PodInitialized, corev1.PodReady, corev1.ContainersReady, corev1.PodScheduled} {
		s.Conditions = append(s.Conditions, corev1.PodCondition{Type: c, Status: corev1.ConditionTrue, LastTransitionTime: now})
	}
	s.ContainerStatuses = nil
	for _, c := range p.Spec.Containers {
		s.ContainerStatuses = append(s.ContainerStatuses, corev1.ContainerStatus{
			Name: c.Name, Ready: true, Started: &[]bool{true}[0], Image: c.Image,
			ImageID:     imageRepo(c.Image) + "@sha256:" + digest(64, c.Image),
			ContainerID: "containerd://" + digest(64, p.Name, c.Name),
			State:       corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
		})
	}
	return s
}

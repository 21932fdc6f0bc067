package playbooks

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// diskToolsImage is Robusta's disk-tools image (robusta-dev/disk-tools):
// it walks the host's container storage and prints the JSON diskInfo
// reads.
const diskToolsImage = "robustadev/disk-tools:1.8"

// diskToolsPod is the pod node_disk_analyzer runs on node, as Robusta's
// debugger pod: the host's root at /host, the host's PID namespace,
// privileged (it reads every container's files), its own UID in
// CURRENT_POD_UID so that it leaves itself out.
//
// Where it differs from Robusta's, on purpose: it runs with the
// namespace's default ServiceAccount and no token (Robusta gives a
// privileged pod the runner's ServiceAccount, which it does not need),
// restarts never (Robusta's OnFailure retries a failing tool until the
// timeout), and tolerates every taint, since the nodes worth analysing
// are often tainted (disk-pressure). A kubelet under disk pressure may
// still refuse the pod: the action then reports that it did not run.
func diskToolsPod(namespace, node, image string, annotations map[string]string) *corev1.Pod {
	hostPathDir := corev1.HostPathDirectory
	no, yes := false, true
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			GenerateName: debugPodPrefix(node),
			Namespace:    namespace,
			Annotations:  annotations,
			Labels:       map[string]string{"app.kubernetes.io/created-by": "robusta-runner", "app.kubernetes.io/name": "disk-tools"},
		},
		Spec: corev1.PodSpec{
			NodeName:                     node,
			HostPID:                      true,
			RestartPolicy:                corev1.RestartPolicyNever,
			AutomountServiceAccountToken: &no,
			Tolerations:                  []corev1.Toleration{{Operator: corev1.TolerationOpExists}},
			Containers: []corev1.Container{{
				Name:            "debugger",
				Image:           image,
				ImagePullPolicy: corev1.PullAlways,
				SecurityContext: &corev1.SecurityContext{
					Privileged:   &yes,
					Capabilities: &corev1.Capabilities{Add: []corev1.Capability{"SYS_PTRACE", "SYS_ADMIN"}},
				},
				Env: []corev1.EnvVar{{Name: "CURRENT_POD_UID", ValueFrom: &corev1.EnvVarSource{
					FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.uid"}}}},
				VolumeMounts: []corev1.VolumeMount{{Name: "host-root", MountPath: "/host"}},
			}},
			Volumes: []corev1.Volume{{Name: "host-root", VolumeSource: corev1.VolumeSource{
				HostPath: &corev1.HostPathVolumeSource{Path: "/", Type: &hostPathDir}}}},
		},
	}
}

// debugPodPrefix is "debug-<node>-", the node's name cut so that the
// generated name (five more characters) stays within 63.
func debugPodPrefix(node string) string {
	name := strings.ToLower(node)
	if len(name) > 50 {
		name = strings.TrimRight(name[:50], "-.")
	}
	return "debug-" + name + "-"
}

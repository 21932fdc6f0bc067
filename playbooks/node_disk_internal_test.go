package playbooks

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// The parts of node_disk_analyzer that need no node: no kubelet runs the
// disk-tools pod here, so its spec and the report built from its output
// are checked on their own (TestNodeDiskAnalyzerOnCluster runs the rest
// against the API server and its fake kubelet).

func TestNaturalSize(t *testing.T) {
	// Python: humanize.naturalsize(n, binary=True).
	for n, want := range map[int64]string{
		0: "0 Bytes", 1: "1 Byte", 1023: "1023 Bytes", 1024: "1.0 KiB", 1536: "1.5 KiB",
		5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB", 1 << 40: "1.0 TiB", -2048: "-2.0 KiB",
	} {
		if got := naturalSize(n); got != want {
			t.Errorf("naturalSize(%d) = %q, want %q", n, got, want)
		}
	}
	for x, want := range map[float64]string{50: "50.0", 45.6789: "45.68", 0.001: "0.0", 100.0 / 3: "33.33"} {
		if got := pyRound2(x); got != want {
			t.Errorf("pyRound2(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestDiskToolsPod(t *testing.T) {
	p := diskToolsPod("robusta", "ip-10-0-0-1.ec2.internal", "robustadev/disk-tools:1.8", map[string]string{"team": "sre"})
	c := p.Spec.Containers[0]
	if p.Namespace != "robusta" || p.Spec.NodeName != "ip-10-0-0-1.ec2.internal" || !p.Spec.HostPID ||
		p.Spec.RestartPolicy != corev1.RestartPolicyNever || p.Annotations["team"] != "sre" ||
		p.Spec.AutomountServiceAccountToken == nil || *p.Spec.AutomountServiceAccountToken || p.Spec.ServiceAccountName != "" {
		t.Errorf("pod: %+v", p)
	}
	if c.Image != "robustadev/disk-tools:1.8" || c.SecurityContext == nil || !*c.SecurityContext.Privileged ||
		!cmp.Equal(c.VolumeMounts, []corev1.VolumeMount{{Name: "host-root", MountPath: "/host"}}) ||
		p.Spec.Volumes[0].HostPath.Path != "/" || c.Env[0].Name != "CURRENT_POD_UID" || c.Env[0].ValueFrom.FieldRef.FieldPath != "metadata.uid" {
		t.Errorf("container: %+v", c)
	}
	if !cmp.Equal(p.Spec.Tolerations, []corev1.Toleration{{Operator: corev1.TolerationOpExists}}) {
		t.Errorf("tolerations %v: want every taint tolerated", p.Spec.Tolerations)
	}
	long := debugPodPrefix(strings.Repeat("n", 80))
	if len(long)+5 > 63 || !strings.HasPrefix(long, "debug-nnn") || !strings.HasSuffix(long, "-") {
		t.Errorf("prefix %q: want at most 58 characters", long)
	}
}

func TestDiskBlocks(t *testing.T) {
	info, err := parseDiskInfo(`{"disk_stats": {"used": 4294967296, "total": 10737418240},
	  "pods_disk_info": {"warnings": ["no overlay for x"], "pods_distribution": [
	    {"pod_uid": "u-small", "containers": [{"container_id": "c1", "disk_size": 1048576}]},
	    {"pod_uid": "hash-1", "containers": [{"container_id": "c2", "disk_size": 1024}, {"container_id": "c3", "disk_size": 2147483648}]},
	    {"pod_uid": "u-gone", "containers": [{"container_id": "c9", "disk_size": 10}]}]}}`)
	if err != nil {
		t.Fatal(err)
	}
	names := namesOf([]corev1.Pod{
		{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web-0", UID: "u-small"},
			Status: corev1.PodStatus{ContainerStatuses: []corev1.ContainerStatus{{Name: "main", ContainerID: "containerd://c1"}, {Name: "pulling"}}}},
		{ObjectMeta: metav1.ObjectMeta{Namespace: "kube-system", Name: "etcd-n", UID: "u-mirror", Annotations: map[string]string{"kubernetes.io/config.hash": "hash-1"}},
			Status: corev1.PodStatus{ContainerStatuses: []corev1.ContainerStatus{{Name: "etcd", ContainerID: "containerd://c3"}}}},
	})
	got := diskBlocks("n", info, names, true, true)
	want := []api.Block{
		api.MarkdownBlock("Disk analysis for node n follows.\nThe used disk space is currently at 4.0 GiB out of 10.0 GiB (40.0%).\n" +
			"Of this space, 2.0 GiB is used by pods and the rest (2.0 GiB) is consumed by the node."),
		api.TableBlock([]string{"pod_namespace", "pod_name", "disk_space"}, [][]string{
			{"kube-system", "etcd-n", "2.0 GiB"}, {"prod", "web-0", "1.0 MiB"}, {"", "u-gone", "10 Bytes"}}),
		api.TableBlock([]string{"pod_namespace", "pod_name", "container_name", "disk_space"}, [][]string{
			{"", "u-gone", "c9", "10 Bytes"}, {"kube-system", "etcd-n", "etcd", "2.0 GiB"}, {"kube-system", "etcd-n", "c2", "1.0 KiB"}, {"prod", "web-0", "main", "1.0 MiB"}}),
		api.MarkdownBlock("Encountered the following warnings while trying to get disk information of some containers:\nno overlay for x\n"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if got := diskBlocks("n", info, names, false, false); len(got) != 2 {
		t.Errorf("without pods and containers: %v", got)
	}
	for _, bad := range []string{"", "not json", `{"disk_stats": {"used": 1}}`} {
		if _, err := parseDiskInfo(bad); err == nil {
			t.Errorf("parseDiskInfo(%q) accepted", bad)
		}
	}
}

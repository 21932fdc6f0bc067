package kubetest

import (
	"net"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestTail(t *testing.T) {
	for _, tc := range []struct {
		log  string
		n    int
		want string
	}{
		{"a\nb\nc\n", 2, "b\nc\n"},
		{"a\nb\nc\n", 3, "a\nb\nc\n"},
		{"a\nb\nc\n", 10, "a\nb\nc\n"},
		{"a\nb\nc\n", 0, ""},
		{"a\nb\npartial", 1, "partial"}, // a line being written counts
		{"a\nb\npartial", 2, "b\npartial"},
		{"", 5, ""},
	} {
		if got := tail(tc.log, tc.n); got != tc.want {
			t.Errorf("tail(%q, %d) = %q, want %q", tc.log, tc.n, got, tc.want)
		}
	}
}

// TestStartKubelet checks what the API server routes by: the Node's
// address and kubelet port, and the pod's binding to the node.
func TestStartKubelet(t *testing.T) {
	env := Start(t)
	k := StartKubelet(t, env)

	node, err := env.Client.CoreV1().Nodes().Get(t.Context(), k.Node, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(k.server.Listener.Addr().String())
	if diff := cmp.Diff([]corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "127.0.0.1"}}, node.Status.Addresses); diff != "" {
		t.Errorf("node addresses (-want +got):\n%s", diff)
	}
	if got := strconv.Itoa(int(node.Status.DaemonEndpoints.KubeletEndpoint.Port)); got != port {
		t.Errorf("kubelet port = %s, want the server's %s", got, port)
	}

	pod := k.CreatePod(t, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
	})
	got, err := env.Client.CoreV1().Pods("default").Get(t.Context(), "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Spec.NodeName != k.Node || got.Status.Phase != corev1.PodRunning || len(got.Status.ContainerStatuses) != 1 || !got.Status.ContainerStatuses[0].Ready {
		t.Errorf("pod = node %q, phase %s, statuses %+v; want running and ready on %s", got.Spec.NodeName, got.Status.Phase, got.Status.ContainerStatuses, k.Node)
	}
	if got.ResourceVersion != pod.ResourceVersion {
		t.Errorf("CreatePod returned resourceVersion %s, the server has %s", pod.ResourceVersion, got.ResourceVersion)
	}
}

package providers_test

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/providers"
)

// node is a node as the providers create them: labels, providerID and
// kubelet version.
func node(name string, labels map[string]string, providerID, kubelet string) corev1.Node {
	return corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
		Spec:       corev1.NodeSpec{ProviderID: providerID},
		Status:     corev1.NodeStatus{NodeInfo: corev1.NodeSystemInfo{KubeletVersion: kubelet}},
	}
}

func host(h string) map[string]string { return map[string]string{corev1.LabelHostname: h} }

// TestDetect: each provider from the nodes it makes, and Robusta's order
// where two signs meet.
func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name  string
		nodes []corev1.Node
		want  string
	}{
		{"none", nil, providers.Unknown},
		{"plain", []corev1.Node{node("n1", host("n1"), "", "v1.30.0")}, providers.Unknown},
		{"kind hostname", []corev1.Node{node("kind-control-plane", host("kind-control-plane"), "kind://docker/kind/kind-control-plane", "v1.30.0")}, providers.Kind},
		// Any node's hostname counts, not only the first's.
		{"kind on a later node", []corev1.Node{node("a", host("a"), "", "v1.30.0"), node("b", host("my-kind-worker"), "", "v1.30.0")}, providers.Kind},
		{"rancher desktop", []corev1.Node{node("lima-rancher-desktop", host("lima-rancher-desktop"), "", "v1.30.0+k3s1")}, providers.RancherDesktop},
		{"aks", []corev1.Node{node("aks-pool-1", host("aks-pool-1"), "azure:///subscriptions/x/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-pool/virtualMachines/0", "v1.29.2")}, providers.AKS},
		{"gke", []corev1.Node{node("gke-c-pool-1", host("gke-c-pool-1"), "gce://proj/us-central1-a/gke-c-pool-1", "v1.29.1-gke.1589018")}, providers.GKE},
		{"eks", []corev1.Node{node("ip-10-0-0-1.ec2.internal", host("ip-10-0-0-1.ec2.internal"), "aws:///us-east-1a/i-0abc", "v1.29.0-eks-5e0fdde")}, providers.EKS},
		// The providerID counts when the hostname does not say kind.
		{"kind provider id", []corev1.Node{node("n", host("n"), "kind://docker/c/n", "v1.30.0")}, providers.Kind},
		{"minikube", []corev1.Node{node("minikube", map[string]string{"minikube.k8s.io/name": "minikube"}, "", "v1.30.0")}, providers.Minikube},
		{"digitalocean", []corev1.Node{node("pool-x", map[string]string{"doks.digitalocean.com/version": "1.29.1-do.0"}, "digitalocean://123", "v1.29.1")}, providers.DigitalOcean},
		{"kops", []corev1.Node{node("i-1", map[string]string{"kops.k8s.io/instancegroup": "nodes"}, "aws:///x/i-1", "v1.29.1")}, providers.Kops},
		{"kapsule", []corev1.Node{node("scw-1", map[string]string{"k8s.scaleway.com/kapsule": "abc"}, "scaleway://instance/x", "v1.29.1")}, providers.Kapsule},
		// The hostname rule runs first: a kind node named by its hostname
		// wins over a GKE-looking kubelet.
		{"hostname before kubelet", []corev1.Node{node("kind-1", host("kind-1"), "", "v1.29.1-gke.1")}, providers.Kind},
		// AKS's providerID is checked before the kubelet version.
		{"aks before gke", []corev1.Node{node("n", nil, "azure:///aks", "v1-gke")}, providers.AKS},
		// Only the first node is read for the other rules.
		{"first node only", []corev1.Node{node("a", nil, "", "v1.30.0"), node("b", nil, "", "v1.29.1-gke.1")}, providers.Unknown},
	} {
		if got := providers.Detect(tc.nodes); got != tc.want {
			t.Errorf("%s: Detect = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestMatch: case-insensitive; an empty list matches all; an unknown
// provider matches only a list naming Unknown.
func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		list     []string
		provider string
		want     bool
	}{
		{nil, "", true},
		{nil, providers.GKE, true},
		{[]string{"Minikube", "Kind", "RancherDesktop"}, providers.Kind, true},
		{[]string{"KIND"}, providers.Kind, true},
		{[]string{"GKE"}, providers.Kind, false},
		{[]string{"GKE"}, "", false},
		{[]string{"unknown"}, "", true},
	} {
		if got := providers.Match(tc.list, tc.provider); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.list, tc.provider, got, tc.want)
		}
	}
	if c, ok := providers.Canonical("digitalocean"); !ok || c != providers.DigitalOcean {
		t.Errorf("Canonical(digitalocean) = %q, %v", c, ok)
	}
	if _, ok := providers.Canonical("OpenShift"); ok {
		t.Error("Canonical(OpenShift): Robusta has no such provider")
	}
}

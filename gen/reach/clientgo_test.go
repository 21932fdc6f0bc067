package reach

import "testing"

func TestResourceAndGroup(t *testing.T) {
	for kind, want := range map[string]string{
		"Pod": "pods", "Ingress": "ingresses", "NetworkPolicy": "networkpolicies",
		"PodDisruptionBudget": "poddisruptionbudgets", "Gateway": "gateways", "StorageClass": "storageclasses",
	} {
		if got := resourceOf(kind); got != want {
			t.Errorf("resourceOf(%s) = %s, want %s", kind, got, want)
		}
	}
	for pkg, want := range map[string]string{"core": "", "apps": "apps", "rbac": "rbac.authorization.k8s.io", "networking": "networking.k8s.io", "flowcontrol": "flowcontrol.apiserver.k8s.io"} {
		if got := groupOf(pkg); got != want {
			t.Errorf("groupOf(%s) = %q, want %q", pkg, got, want)
		}
	}
}

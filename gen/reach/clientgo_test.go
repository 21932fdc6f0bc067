package reach

import (
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

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

// The rules of client-go's real typed pod client, including the methods on
// PodExpansion (EvictV1, GetLogs, Bind), which drain and the log actions use.
func TestClientRuleOfPodClient(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName}, "k8s.io/client-go/kubernetes/typed/core/v1")
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		t.Fatalf("loading client-go: %v %v", err, pkgs)
	}
	scope := pkgs[0].Types.Scope()
	for _, c := range []struct{ iface, method, want string }{
		{"PodInterface", "Get", "pods get"},
		{"PodExpansion", "EvictV1", "pods/eviction create"},
		{"PodExpansion", "GetLogs", "pods/log get"},
		{"PodExpansion", "Bind", "pods/binding create"},
		{"NodeInterface", "Patch", "nodes patch"},
	} {
		obj := scope.Lookup(c.iface)
		if obj == nil {
			t.Fatalf("client-go has no %s", c.iface)
		}
		m, _, _ := types.LookupFieldOrMethod(obj.Type(), false, obj.Pkg(), c.method)
		fn, _ := m.(*types.Func)
		if fn == nil {
			t.Fatalf("%s has no method %s", c.iface, c.method)
		}
		r, ok := clientRule(fn)
		if got := strings.Join(r.Resources, ",") + " " + strings.Join(r.Verbs, ","); !ok || got != c.want || r.Groups[0] != "" {
			t.Errorf("%s.%s: rule %+v (ok %v), want %s in the core group", c.iface, c.method, r, ok, c.want)
		}
	}
}

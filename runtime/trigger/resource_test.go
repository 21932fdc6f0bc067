package trigger

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kinds"
)

var testCustom = []kinds.Custom{
	{Group: "example.com", Version: "v1", Resource: "widgets", Kind: "Widget"},
	{Group: "networking.istio.io", Version: "v1", Resource: "gateways", Kind: "Gateway"},
	{Group: "gateway.networking.k8s.io", Version: "v1", Resource: "gateways", Kind: "Gateway"},
}

// TestResourceOperationCustomKinds: resources names a custom resource by
// key, resource or lower-case kind; the trigger fires on that key's
// changes only, and on the operations listed.
func TestResourceOperationCustomKinds(t *testing.T) {
	s, _ := Lookup("on_kubernetes_resource_operation")
	tr, err := Compile(s, []byte(`{"resources":["Widget","gateways.networking.istio.io"],"operations":["create"]}`), WithCustomResources(testCustom))
	if err != nil {
		t.Fatal(err)
	}
	obj := &unstructured.Unstructured{}
	obj.SetName("w")
	for _, tc := range []struct {
		kind string
		op   api.Operation
		want bool
	}{
		{"widgets.example.com", api.OperationCreate, true},
		{"gateways.networking.istio.io", api.OperationCreate, true},
		{"gateways.gateway.networking.k8s.io", api.OperationCreate, false},
		{"Pod", api.OperationCreate, false},
		{"widgets.example.com", api.OperationDelete, false},
	} {
		if _, got := tr.Match(Input{Kind: tc.kind, Operation: tc.op, Obj: obj}); got != tc.want {
			t.Errorf("Match(%s %s) = %v, want %v", tc.kind, tc.op, got, tc.want)
		}
	}
}

// TestResourceOperationAmbiguous: a short name two custom resources share
// is refused with both full names, and a name that is no custom resource
// of the list is refused even though it looks like one.
func TestResourceOperationAmbiguous(t *testing.T) {
	s, _ := Lookup("on_kubernetes_resource_operation")
	_, err := Compile(s, []byte(`{"resources":["gateway","gadgets.example.com"]}`), WithCustomResources(testCustom))
	if err == nil {
		t.Fatal("Compile succeeded, want errors")
	}
	for _, want := range []string{
		`resources.0: ambiguous resource "gateway" (it names gateways.networking.istio.io and gateways.gateway.networking.k8s.io of customResources: use the full name)`,
		`resources.1: unknown resource "gadgets.example.com"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nlacks %q", err, want)
		}
	}
}

package apitest

import (
	"strings"
	"testing"

	serializerjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/client-go/kubernetes/scheme"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// Object decodes a Kubernetes object written as YAML (or JSON), with its
// apiVersion and kind, into its typed Go value (*corev1.Pod, ...), as the
// runner's informers deliver it. Fields unknown to the type fail the test:
// a typo in a test object must not pass as an empty field.
func Object(t testing.TB, manifest string) api.Object {
	t.Helper()
	obj, gvk, err := strictDecoder.Decode([]byte(strings.TrimSpace(manifest)), nil, nil)
	if err != nil {
		t.Fatalf("apitest.Object: %v", err)
	}
	o, ok := obj.(api.Object)
	if !ok {
		t.Fatalf("apitest.Object: %s is not an object with metadata", gvk)
	}
	return o
}

// strictDecoder reads YAML or JSON into client-go's typed objects,
// refusing unknown and duplicate fields.
var strictDecoder = serializerjson.NewSerializerWithOptions(serializerjson.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
	serializerjson.SerializerOptions{Yaml: true, Strict: true})

// Change builds the event the trigger called name gives an action for a
// change of obj (old: the object before an update, else nil), exactly as
// the runner does: on_pod_update gives a *api.PodChangeEvent, an
// any-resource trigger an *api.AnyResourceChangeEvent.
func Change(t testing.TB, name string, op api.Operation, obj, old api.Object) api.ExecutionEvent {
	t.Helper()
	spec, ok := trigger.Lookup(name)
	if !ok {
		t.Fatalf("apitest.Change: unknown trigger %q%s", name, config.DidYouMean(name, trigger.Names()))
	}
	if spec.Class != trigger.Kubernetes && spec.Class != trigger.AnyResource {
		t.Fatalf("apitest.Change: %s is not a Kubernetes change trigger", name)
	}
	return trigger.NewChangeEvent(spec, op, obj, old)
}

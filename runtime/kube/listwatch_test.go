package kube_test

import (
	"strings"
	"testing"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/rest"

	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
)

// Every kind of the table has a typed client and a protobuf Go type, so
// that an any-resource trigger can watch all of them. Building a Source
// contacts nothing.
func TestNewSourceWatchesEveryKind(t *testing.T) {
	client, err := kubernetes.NewForConfig(&rest.Config{Host: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kube.NewSource(client, kinds.All, make(changes)); err != nil {
		t.Fatal(err)
	}
}

// A fake clientset serves no watches over HTTP: a clear error at once,
// not a panic when the Reflector starts.
func TestNewSourceRefusesFakeClientset(t *testing.T) {
	_, err := kube.NewSource(fake.NewClientset(), podKind(), make(changes))
	if err == nil || !strings.Contains(err.Error(), "no REST client") {
		t.Fatalf("NewSource with a fake clientset: %v, want an error saying it has no REST client", err)
	}
}

package manual

import (
	"context"
	"strings"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kinds"
)

// secretKind is the kind a manual run never takes as its subject.
const secretKind = "Secret"

// findKind returns the kind called name: its Name, trigger name or
// resource, in any case.
func findKind(name string) (kinds.Kind, bool) {
	for _, k := range kinds.All {
		if strings.EqualFold(name, k.Name) || strings.EqualFold(name, k.Trigger) || strings.EqualFold(name, k.Resource) {
			return k, true
		}
	}
	return kinds.Kind{}, false
}

// kindNames lists the trigger names of every kind, for suggestions.
func kindNames() []string {
	names := make([]string, len(kinds.All))
	for i, k := range kinds.All {
		names[i] = k.Trigger
	}
	return names
}

// load reads the object of kind k with the typed clientset and sets its
// TypeMeta, which Get leaves empty.
func load(ctx context.Context, c kubernetes.Interface, k kinds.Kind, namespace, name string) (api.Object, error) {
	if !k.Namespaced {
		namespace = ""
	}
	obj, err := getters[k.Name](ctx, c, namespace, name)
	if err != nil {
		return nil, err
	}
	obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{Group: k.Group, Version: k.Version, Kind: k.Name})
	return obj, nil
}

package kube

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/discovery"

	"github.com/robusta-go/robusta/runtime/kinds"
)

// ErrNotServed is returned, wrapped, when the API server does not serve a
// custom resource of the values.
var ErrNotServed = errors.New("not served by the API server")

// servedKind asks discovery for c and returns its kind. It fails when the
// group/version or the resource is not served, when the resource cannot be
// listed and watched, or when the values give another kind.
func servedKind(disc discovery.DiscoveryInterface, c kinds.Custom) (string, error) {
	list, err := disc.ServerResourcesForGroupVersion(c.GroupVersion())
	if apierrors.IsNotFound(err) {
		return "", fmt.Errorf("customResources %s: %w: no API %s (is the CRD installed, and does it serve version %s?)", c.Key(), ErrNotServed, c.GroupVersion(), c.Version)
	}
	if err != nil {
		return "", fmt.Errorf("customResources %s: asking the API server for %s: %w", c.Key(), c.GroupVersion(), err)
	}
	var served []string
	for _, r := range list.APIResources {
		if strings.Contains(r.Name, "/") {
			continue // a subresource (widgets/status)
		}
		if r.Name != c.Resource {
			served = append(served, r.Name)
			continue
		}
		if !slices.Contains(r.Verbs, "list") || !slices.Contains(r.Verbs, "watch") {
			return "", fmt.Errorf("customResources %s: the API server does not allow list and watch on it (verbs: %s)", c.Key(), strings.Join(r.Verbs, ", "))
		}
		if c.Kind != "" && c.Kind != r.Kind {
			return "", fmt.Errorf("customResources %s: kind is %s, not %s as the values say", c.Key(), r.Kind, c.Kind)
		}
		return r.Kind, nil
	}
	return "", fmt.Errorf("customResources %s: %w: %s has no resource %s (it serves: %s)", c.Key(), ErrNotServed, c.GroupVersion(), c.Resource, strings.Join(served, ", "))
}

package runner

import (
	"fmt"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
)

// discoveryTimeout bounds the start-up check that the customResources are
// served: an API server that does not answer fails the start instead of
// holding it.
const discoveryTimeout = 30 * time.Second

// newDynamicSource prepares the informers of the customResources eng's
// triggers fire on (watchedCustom); nil when there are none.
func newDynamicSource(s settings, eng *engine.Engine, submit kube.Submitter, received *prometheus.CounterVec) (*kube.DynamicSource, error) {
	crs := watchedCustom(eng, s.cfg.CustomResources)
	if len(crs) == 0 {
		return nil, nil
	}
	return dynamicSourceFor(s, crs, submit, received)
}

// dynamicSourceFor prepares informers for crs, after discovery confirms
// the API server serves each of them.
func dynamicSourceFor(s settings, crs []kinds.Custom, submit kube.Submitter, received *prometheus.CounterVec) (*kube.DynamicSource, error) {
	dyn, err := dynamic.NewForConfig(s.rest)
	if err != nil {
		return nil, fmt.Errorf("creating the dynamic client: %w", err)
	}
	dc := rest.CopyConfig(s.rest)
	dc.Timeout = discoveryTimeout
	disc, err := discovery.NewDiscoveryClientForConfig(dc)
	if err != nil {
		return nil, fmt.Errorf("creating the discovery client: %w", err)
	}
	src, err := kube.NewDynamicSource(dyn, disc, crs, submit, kube.DynamicOptions{Logger: s.logger, Received: received})
	if err != nil {
		return nil, fmt.Errorf("watching customResources: %w", err)
	}
	return src, nil
}

// watchedCustom are the custom resources to inform on: all of them when a
// playbook listens to any resource, else those a trigger's resources
// names. One that no trigger needs is not watched, as the built-in kinds.
func watchedCustom(eng *engine.Engine, crs []kinds.Custom) []kinds.Custom {
	if eng.WantsAnyResource() {
		return crs
	}
	var out []kinds.Custom
	for _, c := range crs {
		if slices.Contains(eng.Kinds(), c.Key()) {
			out = append(out, c)
		}
	}
	return out
}

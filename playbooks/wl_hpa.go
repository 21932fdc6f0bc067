package playbooks

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// HPAMismatchParams configures HPAMismatchEnricher.
type HPAMismatchParams struct {
	EventEnricherParams
	// CheckForMetricsServer says how to install metrics-server when the
	// cluster lacks it (its deployment or its APIService).
	CheckForMetricsServer bool `json:"check_for_metrics_server,omitempty" jsonschema:"default=true"`
}

// HPAEventsEnricher adds the HPA's newest events as "*HPA events:*",
// titled "HPA Events".
//
//robusta:action
func HPAEventsEnricher(ctx context.Context, event api.HorizontalPodAutoscalerEvent, params EventEnricherParams) error {
	hpa := event.GetHorizontalPodAutoscaler()
	if hpa == nil {
		slog.Debug("hpa_events_enricher: the event has no HPA", "event", fmt.Sprintf("%T", event))
		return nil
	}
	return addEventsTable(ctx, event, "HPA Events", "*HPA events:*", "HorizontalPodAutoscaler", hpa.Namespace, hpa.Name, params)
}

// HPAMismatchEnricher explains an HPA whose replicas do not match
// (KubeHpaReplicasMismatch): how to install metrics-server when the
// cluster has none, "*Replicas: Desired (N) --> Running (M)*", and the
// HPA's events.
//
//robusta:action
//robusta:rbac groups=apiregistration.k8s.io,resources=apiservices,verbs=list
func HPAMismatchEnricher(ctx context.Context, event api.HorizontalPodAutoscalerEvent, params HPAMismatchParams) error {
	hpa := event.GetHorizontalPodAutoscaler()
	if hpa == nil {
		slog.Debug("hpa_mismatch_enricher: the event has no HPA", "event", fmt.Sprintf("%T", event))
		return nil
	}
	var errs []error
	if params.CheckForMetricsServer {
		msg, err := missingMetricsServer(ctx, event.Execution().Cluster())
		if msg != "" {
			event.AddEnrichment(api.MarkdownBlock(msg))
		}
		// The replicas and events still say something: go on.
		errs = append(errs, err)
	}
	event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("*Replicas: Desired (%d) --> Running (%d)*", hpa.Status.DesiredReplicas, hpa.Status.CurrentReplicas)))
	errs = append(errs, HPAEventsEnricher(ctx, event, params.EventEnricherParams))
	return errors.Join(errs...)
}

// missingMetricsServer is Robusta's advice when the metrics API is
// missing: "" when both metrics-server's deployment (label
// k8s-app=metrics-server) and an APIService backed by it exist.
func missingMetricsServer(ctx context.Context, c api.Cluster) (string, error) {
	services, err := listAPIServices(ctx, c, "")
	if err != nil {
		// Robusta stays silent when it cannot read the APIServices; the
		// error is returned so the runner logs why.
		return "", fmt.Errorf("checking for metrics-server: %w", err)
	}
	hasService := false
	for _, s := range services {
		// The service can be versioned, metrics-server-v0.4.5.
		if s.Spec.Service != nil && strings.Contains(s.Spec.Service.Name, "metrics-server") {
			hasService = true
		}
	}
	deps, err := c.Kubernetes().AppsV1().Deployments("").List(ctx, metav1.ListOptions{LabelSelector: "k8s-app=metrics-server"})
	if err != nil {
		return "", fmt.Errorf("checking for metrics-server: listing deployments: %w", err)
	}
	hasDeployment := len(deps.Items) > 0
	switch {
	case hasService && hasDeployment:
		return "", nil
	case hasDeployment:
		return "The HPA cannot function because a metrics API was not found.\n\n" +
			"You can fix this by deploying metrics-server API service:\n\n" +
			"```kubectl apply -f https://raw.githubusercontent.com/kubernetes-sigs/metrics-server/master/manifests/base/apiservice.yaml```", nil
	}
	return "The HPA cannot function because a metrics API was not found.\n\n" +
		"You can fix this by deploying metrics-server:\n\n" +
		"```kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml```", nil
}

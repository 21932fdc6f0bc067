package playbooks

import (
	"context"
	"fmt"
	"strconv"
	"time"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// HPALimitParams configures AlertOnHPAReachedLimit.
type HPALimitParams struct {
	// IncreasePct is how much higher the suggested max replicas is, in
	// percent.
	IncreasePct int `json:"increase_pct,omitempty" jsonschema:"minimum=0,default=20"`
}

// AlertOnHPAReachedLimit reports an HPA whose replicas changed and that
// now wants its maximum: "HPA *<name>* in namespace *<ns>* reached max
// replicas: *<max>*", LOW, keyed HpaReachedMaximum, with the pods' average
// CPU use and a suggested higher maximum (increase_pct more, rounded up).
// Robusta offers the new maximum as a button that patches the HPA; there
// are no callbacks here, so the kubectl command is given instead, and the
// action stays read-only.
//
//robusta:action
func AlertOnHPAReachedLimit(ctx context.Context, event *api.HorizontalPodAutoscalerChangeEvent, params HPALimitParams) error {
	hpa, old := event.Obj, event.OldObj
	if hpa == nil || old == nil || hpa.Status.CurrentReplicas == old.Status.CurrentReplicas {
		return nil // runs only when the number of replicas changes
	}
	if hpa.Status.DesiredReplicas != hpa.Spec.MaxReplicas {
		return nil
	}
	suggestion := (int(hpa.Spec.MaxReplicas)*(params.IncreasePct+100) + 99) / 100 // ceil
	s := api.SubjectOf(hpa)
	f := &api.Finding{
		Title:          fmt.Sprintf("HPA *%s* in namespace *%s* reached max replicas: *%d*", hpa.Name, hpa.Namespace, hpa.Spec.MaxReplicas),
		Severity:       api.SeverityLow,
		Source:         api.SourceKubernetesAPI,
		Type:           api.TypeIssue,
		AggregationKey: "HpaReachedMaximum",
		Subject:        s,
		StartsAt:       time.Now().UTC(),
	}
	f.Fingerprint = f.ComputeFingerprint()
	f.AddEnrichment(
		api.MarkdownBlock("On average, pods scaled under this HPA are using *"+averageCPU(hpa)+" %* of the requested cpu."),
		api.MarkdownBlock(fmt.Sprintf("Update HPA max replicas to: %d\n```kubectl -n %s patch hpa %s -p '{\"spec\":{\"maxReplicas\":%d}}'```", suggestion, hpa.Namespace, hpa.Name, suggestion)),
	)
	event.AddFinding(f)
	return nil
}

// averageCPU is the HPA's current CPU utilization, Robusta's
// currentCPUUtilizationPercentage (autoscaling/v1), read from the v2
// resource metric; "unknown" when the HPA does not scale on CPU, where
// Robusta's action fails.
func averageCPU(hpa *autoscalingv2.HorizontalPodAutoscaler) string {
	for _, m := range hpa.Status.CurrentMetrics {
		if r := m.Resource; m.Type == autoscalingv2.ResourceMetricSourceType && r != nil && r.Name == corev1.ResourceCPU && r.Current.AverageUtilization != nil {
			return strconv.Itoa(int(*r.Current.AverageUtilization))
		}
	}
	return "unknown"
}

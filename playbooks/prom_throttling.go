package playbooks

import (
	"context"
	"log/slog"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// Robusta's Emojis.Explain and Emojis.Recommend, which open its
// explanation and recommendation lines.
const (
	emojiExplain   = "📘"
	emojiRecommend = "🛠"
)

// gkeManagedToleration marks the metrics-server GKE runs for the user;
// its throttling cannot be fixed by them.
const gkeManagedToleration = "components.gke.io/gke-managed-components"

// The explanations cpu_throttling_analysis_enricher gives, in Robusta's
// words and links.
var (
	throttlingMetricsServer = []api.Block{
		api.MarkdownBlock(emojiExplain + " *Alert Explanation:* This alert is likely due to a known issue with metrics-server. " +
			"<https://github.com/kubernetes/autoscaler/issues/4141|The default metrics-server deployment has cpu " +
			"limits which are too low.>"),
		api.MarkdownBlock(emojiRecommend + " *Robusta's Recommendation:* Increase the CPU limit for the metrics-server deployment. Note that " +
			"metrics-server does *not* respect normal cpu limits. For instructions on fixing this issue, see the " +
			"<https://github.com/robusta-dev/alert-explanations/wiki/CPUThrottlingHigh-on-metrics-server-(Prometheus-alert)|Robusta wiki>."),
	}
	throttlingLimit = []api.Block{
		api.MarkdownBlock(emojiExplain + " *Alert Explanation:* This pod is throttled due to " +
			"its CPU limit. This can occur even when CPU usage is far below the limit. " +
			"<https://github.com/robusta-dev/alert-explanations/wiki/CPUThrottlingHigh-" +
			"(Prometheus-Alert)|Learn more.>"),
		api.MarkdownBlock(emojiRecommend + " *Robusta's Recommendation:* Remove this pod's CPU limit entirely. <https://home.robusta.dev/" +
			"blog/stop-using-cpu-limits/" +
			"|Using CPU limits is *not* a best " +
			"practice.>"),
	}
	throttlingNoLimit = []api.Block{
		api.MarkdownBlock(emojiExplain + " *Alert Explanation:* This pod is throttled because it is using more CPU than its request and the " +
			"node doesn't have spare CPU to give. Increase the pod's CPU request. This will impact Kubernetes' " +
			"scheduling decisions and guarantee the pod is placed on a node with sufficient CPU to match the " +
			"new request."),
	}
)

// CPUThrottlingAnalysisEnricher explains why a pod is CPU-throttled, as
// Robusta: a metrics-server pod that GKE manages (its toleration says so)
// stops processing, since nothing can be done about it; a metrics-server
// with a CPU limit gets the known-issue explanation; a pod with a CPU
// limit is told to drop it; any other pod to raise its CPU request.
// It reads no metrics: the pod's spec decides.
//
//robusta:action
func CPUThrottlingAnalysisEnricher(ctx context.Context, event api.PodEvent) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	metricsServer := strings.HasPrefix(pod.Name, "metrics-server-")
	limited := hasCPULimit(pod.Pod, alertContainer(event, pod.Pod))
	switch {
	case metricsServer && slices.ContainsFunc(pod.Spec.Tolerations, func(t corev1.Toleration) bool { return t.Key == gkeManagedToleration }):
		slog.Info("cpu_throttling_analysis_enricher: ignoring cpu throttling of GKE's managed metrics-server", "pod", pod.Namespace+"/"+pod.Name)
		event.StopProcessing()
	case metricsServer && limited:
		event.AddEnrichment(throttlingMetricsServer...)
	case limited:
		event.AddEnrichment(throttlingLimit...)
	default:
		event.AddEnrichment(throttlingNoLimit...)
	}
	return nil
}

// hasCPULimit reports whether the container named (the alert's container
// label, which alertContainer has checked exists) has a CPU limit, or with
// no name whether any of the pod's containers has one. Robusta always asks
// the second question (its TODO says it should ask the first): a pod whose
// sidecar alone is limited would be told to drop a limit the throttled
// container does not have.
func hasCPULimit(pod *corev1.Pod, container string) bool {
	cs := pod.Spec.Containers
	if container != "" {
		cs = slices.Concat(pod.Spec.Containers, pod.Spec.InitContainers)
	}
	for _, c := range cs {
		if container != "" && c.Name != container {
			continue
		}
		if q, ok := c.Resources.Limits[corev1.ResourceCPU]; ok && !q.IsZero() {
			return true
		}
	}
	return false
}

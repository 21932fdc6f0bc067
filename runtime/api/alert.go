package api

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
)

// Alert is one Prometheus alert as Alertmanager's webhook (version 4)
// delivers it.
type Alert struct {
	Name         string            `json:"alertname"`
	Status       string            `json:"status"` // "firing" or "resolved"
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     time.Time         `json:"startsAt"`
	EndsAt       time.Time         `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL"`
	Fingerprint  string            `json:"fingerprint"`
	// ClusterProvider is the runner's cluster provider as Robusta names it
	// ("GKE", "Kind", ...; "" when unknown), which on_prometheus_alert's
	// k8s_providers compares. It is not part of the webhook: the alert
	// handler sets it, so a recording keeps what the trigger saw.
	ClusterProvider string `json:"cluster_provider,omitempty"`
}

// PrometheusAlertEvent is the event of on_prometheus_alert. The runner
// resolves the objects the alert's labels name (pod, node, deployment, job,
// daemonset, statefulset); each getter returns nil when the alert names no
// such object or it no longer exists.
type PrometheusAlertEvent struct {
	eventBase
	Alert Alert

	Pod         *corev1.Pod
	Node        *corev1.Node
	Deployment  *appsv1.Deployment
	Job         *batchv1.Job
	DaemonSet   *appsv1.DaemonSet
	StatefulSet *appsv1.StatefulSet
	// HorizontalPodAutoscaler is named by the horizontalpodautoscaler label.
	HorizontalPodAutoscaler *autoscalingv2.HorizontalPodAutoscaler

	// SeverityMap is globalConfig's custom_severity_map (lowercase keys),
	// consulted before Robusta's map; the alert handler sets it.
	SeverityMap map[string]Severity
}

var (
	_ PodEvent         = (*PrometheusAlertEvent)(nil)
	_ NodeEvent        = (*PrometheusAlertEvent)(nil)
	_ DeploymentEvent  = (*PrometheusAlertEvent)(nil)
	_ JobEvent         = (*PrometheusAlertEvent)(nil)
	_ DaemonSetEvent   = (*PrometheusAlertEvent)(nil)
	_ StatefulSetEvent = (*PrometheusAlertEvent)(nil)

	_ HorizontalPodAutoscalerEvent = (*PrometheusAlertEvent)(nil)
)

// GetPod implements PodEvent.
func (e *PrometheusAlertEvent) GetPod() *Pod { return NewPod(e.Pod, e.x.cluster) }

// GetNode implements NodeEvent.
func (e *PrometheusAlertEvent) GetNode() *Node { return NewNode(e.Node, e.x.cluster) }

// GetDeployment implements DeploymentEvent.
func (e *PrometheusAlertEvent) GetDeployment() *Deployment {
	return NewDeployment(e.Deployment, e.x.cluster)
}

// GetJob implements JobEvent.
func (e *PrometheusAlertEvent) GetJob() *Job { return NewJob(e.Job, e.x.cluster) }

// GetDaemonSet implements DaemonSetEvent.
func (e *PrometheusAlertEvent) GetDaemonSet() *appsv1.DaemonSet { return e.DaemonSet }

// GetStatefulSet implements StatefulSetEvent.
func (e *PrometheusAlertEvent) GetStatefulSet() *appsv1.StatefulSet { return e.StatefulSet }

// GetHorizontalPodAutoscaler implements HorizontalPodAutoscalerEvent.
func (e *PrometheusAlertEvent) GetHorizontalPodAutoscaler() *autoscalingv2.HorizontalPodAutoscaler {
	return e.HorizontalPodAutoscaler
}

// AddEnrichment implements ExecutionEvent.
func (e *PrometheusAlertEvent) AddEnrichment(blocks ...Block) { e.x.AddEnrichment(e, blocks) }

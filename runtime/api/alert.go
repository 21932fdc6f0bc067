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

// GetResource returns the alert's most specific resolved object: the pod,
// else the job, deployment, daemonset, statefulset or node.
func (e *PrometheusAlertEvent) GetResource() Object {
	for _, o := range []Object{asObject(e.Pod), asObject(e.Job), asObject(e.Deployment), asObject(e.DaemonSet), asObject(e.StatefulSet), asObject(e.Node)} {
		if o != nil {
			return o
		}
	}
	return nil
}

// AddEnrichment implements ExecutionEvent.
func (e *PrometheusAlertEvent) AddEnrichment(blocks ...Block) { e.x.AddEnrichment(e, blocks) }

// alertSeverities maps the alert's severity label, as Robusta's SEVERITY_MAP.
var alertSeverities = map[string]Severity{
	"critical": SeverityHigh, "high": SeverityHigh, "medium": SeverityHigh, "error": SeverityHigh,
	"warning": SeverityLow, "low": SeverityLow,
	"info": SeverityInfo, "debug": SeverityDebug,
}

// AlertSeverity maps a Prometheus severity label to a finding severity;
// unknown labels are INFO.
func AlertSeverity(label string) Severity {
	if s, ok := alertSeverities[label]; ok {
		return s
	}
	return SeverityInfo
}

// DefaultFinding implements ExecutionEvent: titled by the summary
// annotation (else the alert name), keyed by the alert name, with the
// alert's fingerprint.
func (e *PrometheusAlertEvent) DefaultFinding() *Finding {
	a := e.Alert
	title := a.Annotations["summary"]
	if title == "" {
		title = a.Name
	}
	s := SubjectOf(e.GetResource())
	if s.Name == "" {
		s = Subject{Kind: "alert", Name: a.Name, Namespace: a.Labels["namespace"], Labels: a.Labels, Annotations: a.Annotations}
	}
	if e.Pod != nil {
		s.Node = e.Pod.Spec.NodeName
	} else if e.Node != nil {
		s.Node = e.Node.Name
	}
	f := &Finding{
		Title:          title,
		Description:    a.Annotations["description"],
		Severity:       AlertSeverity(a.Labels["severity"]),
		Source:         SourcePrometheus,
		Type:           TypeIssue,
		AggregationKey: a.Name,
		Fingerprint:    a.Fingerprint,
		Subject:        s,
		StartsAt:       a.StartsAt,
	}
	if !a.EndsAt.IsZero() && a.Status == "resolved" {
		end := a.EndsAt
		f.EndsAt = &end
	}
	if f.Fingerprint == "" {
		f.Fingerprint = f.ComputeFingerprint()
	}
	return f
}

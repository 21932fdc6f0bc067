package playbooks

import (
	"context"
	"fmt"
	"log/slog"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// JobEventsEnricher adds the "*Job events:*" table: the job's newest
// Kubernetes events.
//
//robusta:action
func JobEventsEnricher(ctx context.Context, event api.JobEvent, params EventEnricherParams) error {
	job := event.GetJob()
	if job == nil {
		return api.ErrNoJob
	}
	events, err := api.ObjectEvents(ctx, event.Execution().Cluster(), "Job", job.Namespace, job.Name)
	if err != nil {
		return fmt.Errorf("reading the events of job %s/%s: %w", job.Namespace, job.Name, err)
	}
	if t := eventsTable(events, params); len(t.Rows) > 0 {
		t.Name = "*Job events:*"
		api.AddTitledEnrichment(event, "Job Events", t)
	}
	return nil
}

// JobPodEnricherParams configures JobPodEnricher: which events and which
// log of the job's newest pod to add.
type JobPodEnricherParams struct {
	EventEnricherParams
	LogEnricherParams
	// ContainerName selects the container whose log is added; empty means
	// the pod's first. (Robusta's job_pod_enricher ignores it.)
	ContainerName string `json:"container_name,omitempty"`
	// Events adds the pod's events.
	Events bool `json:"events,omitempty" jsonschema:"default=true"`
	// Logs adds the pod's log.
	Logs bool `json:"logs,omitempty" jsonschema:"default=true"`
}

// JobPodEnricher adds the events ("*Job pod events:*") and the log
// ("<pod>.log") of the job's newest pod. A job without pods gets nothing.
//
//robusta:action
func JobPodEnricher(ctx context.Context, event api.JobEvent, params JobPodEnricherParams) error {
	job := event.GetJob()
	if job == nil {
		return api.ErrNoJob
	}
	pods, err := job.Pods(ctx)
	if err != nil {
		return fmt.Errorf("listing the pods of job %s/%s: %w", job.Namespace, job.Name, err)
	}
	latest := newestPod(pods)
	if latest == nil {
		slog.Info("job_pod_enricher: the job has no pods", "namespace", job.Namespace, "job", job.Name)
		return nil
	}
	pod := api.NewPod(latest, event.Execution().Cluster())
	if params.Events {
		events, err := pod.Events(ctx)
		if err != nil {
			return fmt.Errorf("reading the events of pod %s/%s: %w", pod.Namespace, pod.Name, err)
		}
		if t := eventsTable(events, params.EventEnricherParams); len(t.Rows) > 0 {
			t.Name = "*Job pod events:*"
			event.AddEnrichment(t)
		}
	}
	if !params.Logs {
		return nil
	}
	lp, err := newLogParams(params.FilterRegex, params.RegexReplacerPatterns, params.RegexReplacementStyle)
	if err != nil {
		return err
	}
	lp.previous, lp.tail = params.Previous, params.TailLines
	container := params.ContainerName
	if container == "" && len(pod.Spec.Containers) > 0 {
		container = pod.Spec.Containers[0].Name
	}
	block, err := readLog(ctx, pod, container, lp)
	event.AddEnrichment(block)
	return err
}

// newestPod is the pod that started last (Robusta: the newest
// status.startTime); a pod not started yet counts from its creation, where
// Robusta fails comparing a missing time.
func newestPod(pods []corev1.Pod) *corev1.Pod {
	if len(pods) == 0 {
		return nil
	}
	started := func(p *corev1.Pod) int64 {
		if p.Status.StartTime != nil {
			return p.Status.StartTime.UnixNano()
		}
		return p.CreationTimestamp.UnixNano()
	}
	i := 0
	for j := range pods {
		if started(&pods[j]) > started(&pods[i]) {
			i = j
		}
	}
	return &pods[i]
}

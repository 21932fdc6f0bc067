package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// DeletePod deletes the event's pod (a write action: pods delete). It adds
// nothing to the finding, as in Robusta; a pod already gone is not an
// error.
//
//robusta:action
func DeletePod(ctx context.Context, event api.PodEvent) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	return deletePod(ctx, event, pod.Namespace, pod.Name)
}

// DeleteAlertPodParams configures DeleteAlertPod.
type DeleteAlertPodParams struct {
	// RateLimit, in seconds, deletes at most once per period for one value
	// of the alert label RateLimitField; 0 (the default) does not limit.
	RateLimit int `json:"rate_limit,omitempty" jsonschema:"minimum=0"`
	// RateLimitField is the alert label whose value keys the rate limit;
	// required with rate_limit.
	RateLimitField string `json:"rate_limit_field,omitempty"`
}

// DeleteAlertPod deletes the pod a Prometheus alert names (a write action:
// pods delete), at most once per rate_limit seconds for one value of the
// alert label rate_limit_field. An alert without that label is not rate
// limited, as in Robusta.
//
//robusta:action
func DeleteAlertPod(ctx context.Context, event *api.PrometheusAlertEvent, params DeleteAlertPodParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	if params.RateLimit > 0 {
		if params.RateLimitField == "" {
			return fmt.Errorf("delete_alert_pod: rate_limit_field must be set when rate_limit is configured")
		}
		value, ok := event.Alert.Labels[params.RateLimitField]
		if !ok {
			slog.Warn("delete_alert_pod: the alert has no rate limit label; not rate limited", "label", params.RateLimitField, "alert", event.Alert.Name)
		} else {
			key := params.RateLimitField + ":" + value
			if !api.RateLimiter.MarkAndTest("delete_alert_pod", key, time.Duration(params.RateLimit)*time.Second) {
				slog.Info("delete_alert_pod rate limited; not deleting", "key", key, "pod", pod.Namespace+"/"+pod.Name)
				return nil
			}
		}
	}
	return deletePod(ctx, event, pod.Namespace, pod.Name)
}

func deletePod(ctx context.Context, event api.ExecutionEvent, namespace, name string) error {
	client, err := writeClient(event)
	if err != nil {
		return err
	}
	err = client.CoreV1().Pods(namespace).Delete(ctx, name, metav1.DeleteOptions{})
	if apierrors.IsNotFound(err) {
		slog.Info("pod to delete is already gone", "pod", namespace+"/"+name)
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting pod %s/%s: %w", namespace, name, err)
	}
	return nil
}

// DeleteJob deletes the event's job and, unlike Robusta, its pods (a
// write action: jobs delete): "Job *ns/name* deleted".
//
// Robusta deletes with the API's default policy, which for batch/v1 Jobs
// is to orphan the pods, so a deleted job's pods stay behind; here the
// deletion propagates in the background, as kubectl delete job does.
//
//robusta:action
func DeleteJob(ctx context.Context, event api.JobEvent) error {
	job := event.GetJob()
	if job == nil {
		return api.ErrNoJob
	}
	client, err := writeClient(event)
	if err != nil {
		return err
	}
	background := metav1.DeletePropagationBackground
	err = client.BatchV1().Jobs(job.Namespace).Delete(ctx, job.Name, metav1.DeleteOptions{PropagationPolicy: &background})
	if err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("deleting job %s/%s: %w", job.Namespace, job.Name, err)
	}
	event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("Job *%s/%s* deleted", job.Namespace, job.Name)))
	return nil
}

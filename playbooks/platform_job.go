package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"

	"github.com/robusta-go/robusta/runtime/api"
)

// runJob creates secret (when not nil, owned by the Job so that it goes
// with it) and job, waits up to timeout for the Job to complete, and
// returns the log of its newest pod's first container. A failed Job is an
// error with its condition's reason and message; one that outlives
// timeout is deleted.
func runJob(ctx context.Context, c api.Cluster, job *batchv1.Job, secret *corev1.Secret, timeout time.Duration) (string, error) {
	k := c.Kubernetes()
	created, err := k.BatchV1().Jobs(job.Namespace).Create(ctx, job, metav1.CreateOptions{})
	if err != nil {
		return "", fmt.Errorf("creating job %s/%s: %w", job.Namespace, job.Name, err)
	}
	if secret != nil {
		// Created after the Job to name it as owner: the pod waits for
		// the Secret (CreateContainerConfigError) and starts once it exists.
		secret.OwnerReferences = []metav1.OwnerReference{*metav1.NewControllerRef(created, batchv1.SchemeGroupVersion.WithKind("Job"))}
		if _, err := k.CoreV1().Secrets(secret.Namespace).Create(ctx, secret, metav1.CreateOptions{}); err != nil {
			return "", fmt.Errorf("creating secret %s/%s of job %s: %w", secret.Namespace, secret.Name, job.Name, err)
		}
	}
	var end *batchv1.JobCondition
	err = wait.PollUntilContextTimeout(ctx, pollInterval, timeout, true, func(ctx context.Context) (bool, error) {
		j, err := k.BatchV1().Jobs(created.Namespace).Get(ctx, created.Name, metav1.GetOptions{})
		if err != nil {
			return false, fmt.Errorf("reading job %s/%s: %w", created.Namespace, created.Name, err)
		}
		end = finished(j)
		return end != nil, nil
	})
	if wait.Interrupted(err) && ctx.Err() == nil {
		background := metav1.DeletePropagationBackground
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if derr := k.BatchV1().Jobs(created.Namespace).Delete(dctx, created.Name, metav1.DeleteOptions{PropagationPolicy: &background}); derr != nil {
			slog.Error("deleting a job that timed out", "job", created.Namespace+"/"+created.Name, "err", derr)
		}
		return "", fmt.Errorf("job %s/%s did not complete within %s: deleted", created.Namespace, created.Name, timeout)
	}
	if err != nil {
		return "", err
	}
	if end.Type == batchv1.JobFailed {
		return "", fmt.Errorf("job %s/%s failed: %s: %s", created.Namespace, created.Name, end.Reason, end.Message)
	}
	pods, err := api.NewJob(created, c).Pods(ctx)
	if err != nil {
		return "", err
	}
	if len(pods) == 0 {
		return "", fmt.Errorf("job %s/%s completed, but its pods are gone: no log to read", created.Namespace, created.Name)
	}
	newest := slices.MaxFunc(pods, func(a, b corev1.Pod) int { return a.CreationTimestamp.Compare(b.CreationTimestamp.Time) })
	log, err := api.NewPod(&newest, c).GetLogs(ctx)
	if err != nil {
		return "", fmt.Errorf("reading the log of job %s/%s: %w", created.Namespace, created.Name, err)
	}
	return log, nil
}

// finished is the Job's Complete or Failed condition, when one holds.
func finished(j *batchv1.Job) *batchv1.JobCondition {
	for i, c := range j.Status.Conditions {
		if c.Status == corev1.ConditionTrue && (c.Type == batchv1.JobComplete || c.Type == batchv1.JobFailed) {
			return &j.Status.Conditions[i]
		}
	}
	return nil
}

// secretOf is the scan's Secret holding the secret environment, nil when
// there is none.
func secretOf(namespace, name string, env []krrSecretEnv) *corev1.Secret {
	if len(env) == 0 {
		return nil
	}
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace}, Data: map[string][]byte{}}
	for _, e := range env {
		s.Data[e.key] = []byte(e.value)
	}
	return s
}

// runnerServiceAccount is the ServiceAccount of the runner's own pod
// ($POD_NAMESPACE/$POD_NAME, which the chart sets), Robusta's default for
// the scan; "" (the namespace's default) when it cannot be read.
func runnerServiceAccount(ctx context.Context, c api.Cluster) string {
	name := os.Getenv("POD_NAME")
	if name == "" {
		slog.Warn("krr_scan: POD_NAME is not set; the scan runs as the namespace's default ServiceAccount")
		return ""
	}
	p, err := c.Kubernetes().CoreV1().Pods(runnerNamespace()).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		slog.Warn("krr_scan: reading the runner's pod; the scan runs as the namespace's default ServiceAccount", "err", err)
		return ""
	}
	return p.Spec.ServiceAccountName
}

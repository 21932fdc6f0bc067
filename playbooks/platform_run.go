package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"

	"github.com/robusta-go/robusta/runtime/api"
)

// pollInterval is how often a started pod or job is read back while the
// action waits for it to finish.
var pollInterval = 500 * time.Millisecond

// runPod creates pod, waits up to timeout for it to succeed, returns the
// log of its first container, and deletes it whatever happened (Robusta's
// run_debugger_pod). A pod that fails is an error naming its phase.
func runPod(ctx context.Context, c api.Cluster, pod *corev1.Pod, timeout time.Duration) (string, error) {
	pods := c.Kubernetes().CoreV1().Pods(pod.Namespace)
	created, err := pods.Create(ctx, pod, metav1.CreateOptions{})
	if err != nil {
		return "", fmt.Errorf("creating pod %s/%s: %w", pod.Namespace, pod.Name+pod.GenerateName, err)
	}
	defer func() {
		// The pod goes even when ctx is done: it runs privileged on a node.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		err := pods.Delete(dctx, created.Name, metav1.DeleteOptions{})
		if err != nil && !apierrors.IsNotFound(err) {
			slog.Error("deleting a pod the action started", "pod", created.Namespace+"/"+created.Name, "err", err)
		}
	}()
	var phase corev1.PodPhase
	err = wait.PollUntilContextTimeout(ctx, pollInterval, timeout, true, func(ctx context.Context) (bool, error) {
		p, err := pods.Get(ctx, created.Name, metav1.GetOptions{})
		if err != nil {
			return false, fmt.Errorf("reading pod %s/%s: %w", created.Namespace, created.Name, err)
		}
		phase = p.Status.Phase
		return phase == corev1.PodSucceeded || phase == corev1.PodFailed, nil
	})
	switch {
	case wait.Interrupted(err) && ctx.Err() == nil:
		return "", fmt.Errorf("pod %s/%s did not complete within %s: it is %s", created.Namespace, created.Name, timeout, phase)
	case err != nil:
		return "", err
	case phase == corev1.PodFailed:
		return "", fmt.Errorf("pod %s/%s failed to complete: it is %s", created.Namespace, created.Name, phase)
	}
	log, err := api.NewPod(created, c).GetLogs(ctx)
	if err != nil {
		return "", fmt.Errorf("reading the log of pod %s/%s: %w", created.Namespace, created.Name, err)
	}
	return log, nil
}
